import { type Decision, emptyDecision, ignore } from "./decision.ts";
import type { EventContext } from "./event-context.ts";

/** A client's reaction is shown on the copy of the message in the topic. */
export function decideReaction(context: EventContext): Decision {
  const { event, dialog } = context;
  if (!event.reaction || !dialog) return ignore("reaction outside a dialog");
  const decision = emptyDecision();
  decision.jobs.push({
    type: "reaction.mirror",
    lane: "group",
    sourceChatId: event.chat.id,
    sourceMessageId: event.reaction.messageId,
    emojis: event.reaction.emojis,
  });
  return decision;
}
