import { replyNotice } from "../decide/reply-notice.ts";
import type { CommandHandler } from "./command-types.ts";

const HELP = [
  "Topicdesk — each client dialog is a topic.",
  "🟪 waits for an answer · 🟨 answered, waiting for the client · ⬛️ closed",
  "",
  "Write in a topic to answer the client. Start with “/ ” (slash, space) for a comment only the team sees.",
  "/close — close the dialog (the client's next message reopens it)",
  "/hold — keep it 🟪 · /wait — set it 🟨",
  "/info — client card · /ban, /unban — ignore or accept the client again (needs the “Ban users” right)",
  "/say — quick replies · /mark — labels (/say help, /mark help)",
  "/new USER_ID or /new @username — in the General topic: open a dialog and write first (add i<connection> when several share this group)",
  "/help — this text",
].join("\n");

export const helpCommand: CommandHandler = ({ message, context }) =>
  replyNotice(message, HELP, context.dialog);
