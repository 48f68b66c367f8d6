import { type Decision, emptyDecision, ignore } from "./decision.ts";
import type { EventContext } from "./event-context.ts";

/**
 * An edited text or caption is mirrored onto its copy on the other side, as long as the message
 * link exists (90 days). Media replacement is not mirrored: Telegram gives bots no way to copy it.
 */
export function decideEdit(context: EventContext, side: "client" | "backend"): Decision {
  const { event, dialog } = context;
  const message = event.message;
  if (!message || message.text === undefined) return ignore("edit without text or caption");
  if (!dialog) return ignore("edit outside a dialog");
  if (side === "backend" && message.text.startsWith("/")) return ignore("edited comment or command");
  const decision = emptyDecision();
  decision.jobs.push({
    type: "edit.mirror",
    lane: side === "client" ? "group" : "chat",
    direction: side === "client" ? "to-topic" : "to-client",
    sourceChatId: event.chat.id,
    sourceMessageId: message.messageId,
    text: message.text,
    isCaption: message.content !== "text",
  });
  return decision;
}
