import { requireRole } from "../roles/require-role.ts";
import type { CommandHandler } from "./command-types.ts";
import { markInGeneral } from "./mark-general.ts";
import { parseMark } from "./mark-syntax.ts";
import { markInTopic } from "./mark-topic.ts";

/**
 * /mark: labels and funnels. In a client's topic any operator puts labels on and takes them off;
 * outside one, the administrator and EXTENSIONS_ALLOWED users manage the labels themselves.
 */
export const markCommand: CommandHandler = (input) => {
  const { context, message } = input;
  const check = { caller: context.caller, message, dialog: context.dialog };
  const command = parseMark(input.args);
  if (context.dialog)
    return requireRole(check, "operator", "/mark") ?? markInTopic(input, context.dialog, command);
  return requireRole(check, "extension", "/mark outside a client's topic") ?? markInGeneral(input, command);
};
