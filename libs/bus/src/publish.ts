import { headers } from "@nats-io/nats-core";
import {
  type DomainEvent,
  domainEventValidator,
  type InboundEvent,
  inboundEventValidator,
  partitionOf,
} from "@topicdesk/contracts";
import { injectTraceparent, inSpan, topicdeskMetrics } from "@topicdesk/telemetry";
import type { Bus } from "./bus-connection.ts";
import type { BusNaming } from "./bus-naming.ts";
import { describeErrors, InvalidEventError } from "./invalid-event-error.ts";

export interface PublishOptions {
  /** W3C trace context of the sender (e.g. from `injectTraceparent()`), carried as a message header. */
  traceparent?: string | undefined;
}

export interface Published {
  /** JetStream had already stored a message with this id within its duplicate window and dropped this one. */
  duplicate: boolean;
  /** Stream sequence of the stored message. */
  seq: number;
}

/** The header consumers read trace context from. */
export const TRACEPARENT_HEADER = "traceparent";

/**
 * Publishes a normalized inbound event to its dialog's partition and resolves once JetStream has
 * stored it (ingress answers Telegram only then). The event id is the JetStream message id, so an
 * update Telegram delivers twice is stored once.
 */
export async function publishInbound(
  bus: Bus,
  naming: BusNaming,
  event: InboundEvent,
  partitions: number,
  options: PublishOptions = {},
): Promise<Published> {
  if (!inboundEventValidator.Check(event)) {
    throw new InvalidEventError("inbound event", describeErrors(inboundEventValidator.Errors(event)));
  }
  const partition = partitionOf(event.connectionId, event.chat.id, partitions);
  const subject = naming.inboundSubject(partition, event.connectionId, event.chat.id);
  // The trace of a message starts here, where Topicdesk accepts it: the span's context travels in
  // the NATS header to the router, then in the job to delivery and its Telegram call.
  return inSpan("ingress", "accept inbound event", options.traceparent, async () => {
    const traceparent = injectTraceparent() ?? options.traceparent;
    const published = await publishJson(bus, subject, naming.inboundStream, event.id, event, { traceparent });
    topicdeskMetrics().inboundAccepted.add(1, {
      connection: event.connectionId,
      duplicate: String(published.duplicate),
    });
    return published;
  });
}

/** Publishes a domain event for integrators on `td.evt.<connection>.<kind>`, deduplicated by its id. */
export async function publishDomainEvent(
  bus: Bus,
  naming: BusNaming,
  event: DomainEvent,
  options: PublishOptions = {},
): Promise<Published> {
  if (!domainEventValidator.Check(event)) {
    throw new InvalidEventError("domain event", describeErrors(domainEventValidator.Errors(event)));
  }
  const subject = naming.domainEventSubject(event.connectionId, event.kind);
  return publishJson(bus, subject, naming.eventsStream, event.id, event, options);
}

async function publishJson(
  bus: Bus,
  subject: string,
  stream: string,
  msgID: string,
  payload: object,
  options: PublishOptions,
): Promise<Published> {
  const messageHeaders = headers();
  if (options.traceparent) messageHeaders.set(TRACEPARENT_HEADER, options.traceparent);
  const ack = await bus.js.publish(subject, JSON.stringify(payload), {
    msgID,
    headers: messageHeaders,
    // Fails loudly if the subject is not captured by the intended stream (e.g. a wrong prefix).
    expect: { streamName: stream },
  });
  return { duplicate: ack.duplicate, seq: ack.seq };
}
