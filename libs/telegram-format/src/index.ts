export type { MessageEntity } from "@grammyjs/types";
export { EntityParseError, type FormattedText } from "./formatted-text.ts";
export { parseMarkdownV2 } from "./markdown-v2.ts";
