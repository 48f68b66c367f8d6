export { botToken, SetupChat } from "./setup-chat.ts";
