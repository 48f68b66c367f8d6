import { replyNotice } from "../decide/reply-notice.ts";
import type { CommandHandler, CommandInput } from "./command-types.ts";

/** /ban and /unban need the Telegram "Ban users" right in the backend group, as the reference says. */
export const banCommand: CommandHandler = (input) => setBanned(input, true);
export const unbanCommand: CommandHandler = (input) => setBanned(input, false);

function setBanned(input: CommandInput, banned: boolean) {
  const { context, message } = input;
  const name = banned ? "/ban" : "/unban";
  if (!context.dialog) return replyNotice(message, `${name} works in a client's topic.`, undefined);
  if (!context.operatorRights?.canRestrictMembers) {
    return replyNotice(
      message,
      `⛔ ${name} needs the “Ban users” admin right in this group.`,
      context.dialog,
    );
  }
  if (context.dialog.banned === banned) {
    return replyNotice(
      message,
      banned ? "The client is already banned." : "The client is not banned.",
      context.dialog,
    );
  }
  const decision = replyNotice(
    message,
    banned
      ? "🚷 Client banned: their messages are ignored until /unban."
      : "✅ Client unbanned: their messages reach this topic again.",
    context.dialog,
  );
  decision.patchDialog = { banned };
  return decision;
}
