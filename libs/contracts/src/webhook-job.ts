import Type from "typebox";
import { Compile } from "typebox/compile";
import { DomainEvent } from "./domain-event.ts";

/**
 * One POST of one event to one webhook receiver, as the webhooks service queues it (and keeps it
 * as a dead letter when the receiver never accepts it). It carries the domain event, not the body:
 * the body is built when the POST is made, from the event and the dialog as it is then (a new
 * dialog's topic may not exist yet when the event is published).
 */
export const WebhookJob = Type.Object({
  v: Type.Literal(1),
  /** BullMQ job id: derived from the event id and the receiver, so a redelivered event is queued once. */
  id: Type.String({ minLength: 1 }),
  connectionId: Type.String({ minLength: 1 }),
  url: Type.String({ minLength: 1 }),
  /** `dialog_created` … or `/command`: the reference's event names. */
  eventType: Type.String({ minLength: 1 }),
  event: DomainEvent,
  /** The dead letter this delivery replays. */
  replayOf: Type.Optional(Type.Number()),
});
export type WebhookJob = Type.Static<typeof WebhookJob>;

export const webhookJobValidator = Compile(WebhookJob);

/** BullMQ queue of webhook deliveries (one for all receivers: they have no order to keep). */
export const WEBHOOK_QUEUE = "td-webhooks";
