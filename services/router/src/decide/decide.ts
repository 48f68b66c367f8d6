import { decideClientMessage } from "./decide-client-message.ts";
import { decideEdit } from "./decide-edit.ts";
import { decideInterceptedMessage } from "./decide-intercepted.ts";
import { decideMembership } from "./decide-membership.ts";
import { decideOperatorMessage } from "./decide-operator-message.ts";
import { decideReaction } from "./decide-reaction.ts";
import { type Decision, ignore } from "./decision.ts";
import type { EventContext } from "./event-context.ts";

/** Which side of the help desk an event comes from: the backend group is the operators' side. */
export function sideOf(context: Pick<EventContext, "event" | "connection">): "client" | "backend" {
  return context.event.chat.id === context.connection.backendChatId ? "backend" : "client";
}

/**
 * The router's whole decision for one inbound event: a pure function of the event, the dialog,
 * the parameters and the clock. It never touches Telegram, the database or the queues.
 */
export function decide(context: EventContext): Decision {
  const side = sideOf(context);
  // MTProto sessions see what the connection itself sent. In the backend group that is our own
  // copies and notices; in a client chat it is a send from elsewhere (intercepted, below).
  const outgoing = context.event.message?.outgoing === true;
  if (outgoing && side === "backend") return ignore("the connection's own message in the backend group");
  switch (context.event.kind) {
    case "message":
      if (outgoing) return decideInterceptedMessage(context);
      return side === "client" ? decideClientMessage(context) : decideOperatorMessage(context);
    case "edit":
      if (outgoing) return ignore("edits of the connection's own messages are not mirrored");
      return decideEdit(context, side);
    case "reaction":
      return side === "client" ? decideReaction(context) : ignore("operators' reactions stay in the group");
    case "membership":
      return side === "client" ? decideMembership(context) : ignore("backend group membership change");
  }
}
