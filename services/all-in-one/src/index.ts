export { type ServiceName, type Stack, type StackOptions, startStack } from "./stack.ts";
