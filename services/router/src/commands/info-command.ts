import { type Decision, emptyDecision } from "../decide/decision.ts";
import { infoCard } from "../decide/info-card.ts";
import { replyNotice } from "../decide/reply-notice.ts";
import type { CommandHandler } from "./command-types.ts";

/**
 * /info: the client card in the topic. With HIDE_INFO `command` only EXTENSIONS_ALLOWED users (or
 * the administrator) get it, by private message from the bot, so the group never shows it.
 */
export const infoCommand: CommandHandler = ({ context, message }) => {
  const { dialog, params, connection, event } = context;
  if (!dialog) return replyNotice(message, "/info works in a client's topic.", undefined);
  if (!params.hideInfo.has("command")) {
    return replyNotice(message, infoCard(dialog, connection.id, params, context.pseudonymKey), dialog);
  }
  const callerId = event.from?.id;
  const allowed =
    callerId !== undefined &&
    (params.extensionsEveryone ||
      params.extensionsAllowed.has(callerId) ||
      callerId === connection.adminUserId);
  if (!allowed || callerId === undefined) {
    return replyNotice(
      message,
      "🔒 The client card is hidden (HIDE_INFO command) and you are not in EXTENSIONS_ALLOWED.",
      dialog,
    );
  }
  const unmasked = { ...params, hideInfo: new Set<"name" | "title" | "link" | "command">() };
  const decision: Decision = emptyDecision();
  decision.jobs.push(
    {
      type: "text.send",
      lane: "chat",
      target: { kind: "chat", chatId: callerId },
      text: infoCard(dialog, connection.id, unmasked, context.pseudonymKey),
    },
    ...replyNotice(
      message,
      "📬 Sent to you privately (start a chat with the bot first if it did not arrive).",
      dialog,
    ).jobs,
  );
  return decision;
};
