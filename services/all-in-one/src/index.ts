export { SERVICE_NAMES, type ServiceName, type Stack, type StackOptions, startStack } from "./stack.ts";
