import { chatMethods } from "./chats.ts";
import type { MethodHandler, MethodTable } from "./context.ts";
import { copyForwardMethods } from "./copy-forward.ts";
import { editMethods } from "./edit-messages.ts";
import { fileMethods } from "./files.ts";
import { forumTopicMethods } from "./forum-topics.ts";
import { sendMethods } from "./send-messages.ts";
import { updateMethods } from "./updates.ts";

export type { MethodContext, MethodHandler, MethodTable } from "./context.ts";

/** Every supported Bot API method, by Telegram's spelling. */
export const botMethods: MethodTable = {
  ...updateMethods,
  ...chatMethods,
  ...sendMethods,
  ...copyForwardMethods,
  ...editMethods,
  ...forumTopicMethods,
  ...fileMethods,
};

const byLowerCaseName = new Map(
  Object.entries(botMethods).map(([name, handler]) => [name.toLowerCase(), { name, handler }]),
);

/** Bot API method names are case-insensitive; returns the canonical name and its handler. */
export function findMethod(name: string): { name: string; handler: MethodHandler } | undefined {
  return byLowerCaseName.get(name.toLowerCase());
}
