import { type Decision, emptyDecision, ignore } from "./decision.ts";
import type { EventContext } from "./event-context.ts";

/** The client blocked or unblocked the bot: the team is told in the topic, and the card remembers it. */
export function decideMembership(context: EventContext): Decision {
  const { event, dialog } = context;
  if (!event.membership || !dialog) return ignore("membership change outside a dialog");
  const blocked = event.membership.status === "blocked";
  if (dialog.blocked === blocked) return ignore("membership unchanged");
  const decision = emptyDecision();
  decision.patchDialog = { blocked };
  decision.jobs.push({
    type: "text.send",
    lane: "group",
    target: { kind: "topic" },
    text: blocked
      ? "⛔ The client blocked the bot: replies cannot reach them until they unblock it."
      : "✅ The client unblocked the bot: replies reach them again.",
  });
  return decision;
}
