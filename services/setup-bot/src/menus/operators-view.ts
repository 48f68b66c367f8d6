import type { Connection, Operator } from "@topicdesk/db";
import type { ExtensionsAllowed } from "@topicdesk/params";
import { InlineKeyboard } from "grammy";
import { parameterIndex } from "../parameters/parameter-change.ts";
import { connectionData } from "./callback-data.ts";

/**
 * Operators are the backend group's members who answered there (roles come from Telegram itself,
 * spec decision 8); EXTENSIONS_ALLOWED adds who may use /send, /mark, /export and hidden /info.
 */
export function operatorsView(
  connection: Connection,
  operators: readonly Operator[],
  extensions: ExtensionsAllowed,
): { text: string; keyboard: InlineKeyboard } {
  const allowed = (userId: number) =>
    extensions.kind === "everyone" ||
    extensions.userIds.includes(userId) ||
    userId === connection.admin_user_id;
  const lines = operators.map((operator) => {
    const handle = operator.username ? ` @${operator.username}` : "";
    const modules = allowed(operator.user_id) ? " · may use /send /mark /export" : "";
    return `• ${operator.first_name}${handle} (id ${operator.user_id})${modules}`;
  });
  const text = [
    `Operators of “${connection.id}” (people who answered in the backend group):`,
    ...(lines.length > 0 ? lines : ["nobody has answered yet"]),
    "",
    `EXTENSIONS_ALLOWED: ${describeExtensions(extensions)}. You, the administrator, always may.`,
    "Invite operators to the backend group; give them the Manage topics right so they can reopen topics.",
  ].join("\n");
  const keyboard = new InlineKeyboard()
    .text(
      "Change EXTENSIONS_ALLOWED",
      connectionData(connection.id, "param", parameterIndex("EXTENSIONS_ALLOWED")),
    )
    .row()
    .text("« Connection", connectionData(connection.id, "card"));
  return { text, keyboard };
}

function describeExtensions(extensions: ExtensionsAllowed): string {
  if (extensions.kind === "everyone") return "everyone in the backend group";
  if (extensions.userIds.length === 0) return "nobody besides you";
  return extensions.userIds.join(", ");
}
