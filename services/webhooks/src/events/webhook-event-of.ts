import { type DomainEvent, type DomainEventKind, DomainEventKinds } from "@topicdesk/contracts";
import type { WebhookEventName } from "@topicdesk/params";

/**
 * Which reference webhook event a domain event is. A table, so a new kind is one line here.
 * `message.delivered` is both directions: delivery sets `operatorId` only on an operator's message
 * copied to the client (the router always knows who wrote in the topic), so its presence tells
 * `message_sent` from `message_received`. Mapping from the delivered event, not `message.inbound`,
 * gives receivers the copy's id in the topic, which only exists once it is delivered.
 */
const systemEvents: Partial<Record<string, (event: DomainEvent) => WebhookEventName | undefined>> = {
  "dialog.opened": () => "dialog_created",
  "dialog.reopened": () => "dialog_reopened",
  "dialog.closed": () => "dialog_closed",
  "message.delivered": (event) => (event.operatorId === undefined ? "message_received" : "message_sent"),
  "message.intercepted": () => "message_intercepted",
};

/** `dialog_created` …, `/invoice` for a command event, or undefined for kinds no webhook carries. */
export function webhookEventOf(event: DomainEvent): string | undefined {
  if (event.kind === "command.invoked") {
    return event.command === undefined ? undefined : `/${event.command.name}`;
  }
  return systemEvents[event.kind]?.(event);
}

/** The domain event kinds the webhooks service listens to (those this release of the contracts has). */
export const webhookSourceKinds: readonly DomainEventKind[] = DomainEventKinds.filter(
  (kind) => kind === "command.invoked" || systemEvents[kind] !== undefined,
);
