import { AckPolicy, DeliverPolicy, type JsMsg } from "@nats-io/jetstream";
import { nanos } from "@nats-io/nats-core";
import { type DomainEvent, type DomainEventKind, domainEventValidator } from "@topicdesk/contracts";
import type { Bus } from "./bus-connection.ts";
import type { BusNaming } from "./bus-naming.ts";
import { report, startConsumeLoop, whileWorking } from "./consume-loop.ts";
import { ensureDurableConsumer } from "./ensure-durable-consumer.ts";
import { describeErrors } from "./invalid-event-error.ts";
import { ACK_WAIT_MS } from "./partition-consumer-config.ts";
import { defaultRetryDelayMs } from "./partition-loop.ts";

export interface ConsumeDomainEventsOptions {
  /** Durable consumer name (letters, digits, `_`, `-`): the same name resumes where it stopped. */
  durableName: string;
  /** The one event kind to receive, from every connection (`td.evt.*.<kind>`). */
  kind: DomainEventKind;
  /** Resolving acknowledges; throwing redelivers the event (before any later one) after a delay. */
  handler: (event: DomainEvent) => Promise<void>;
  onInvalid?: (errors: readonly string[], seq: number) => void;
  onHandlerError?: (error: unknown, event: DomainEvent) => void;
  onConsumerError?: (error: unknown) => void;
}

export interface DomainEventConsumer {
  /** Stops after the in-flight event is handled and acknowledged. */
  stop(): Promise<void>;
}

/**
 * Module services (broadcasts, reports, webhooks) read domain events from the events stream with a
 * durable consumer of their own, one event at a time, so commands of one group keep their order
 * (a `pause` is never overtaken by the `resume` written after it).
 */
export async function consumeDomainEvents(
  bus: Bus,
  naming: BusNaming,
  options: ConsumeDomainEventsOptions,
): Promise<DomainEventConsumer> {
  await ensureDurableConsumer(bus.jsm, naming.eventsStream, {
    durable_name: options.durableName,
    filter_subject: naming.domainEventSubject("*", options.kind),
    ack_policy: AckPolicy.Explicit,
    // A new consumer starts with events published from now on: a module deployed today must not
    // act on a week of old commands.
    deliver_policy: DeliverPolicy.New,
    ack_wait: nanos(ACK_WAIT_MS),
    max_ack_pending: 1,
    max_deliver: -1,
  });
  return startConsumeLoop({
    consumer: () => bus.js.consumers.get(naming.eventsStream, options.durableName),
    handle: (msg) => handle(msg, options),
    onConsumerError: (error) => options.onConsumerError?.(error),
  });
}

async function handle(msg: JsMsg, options: ConsumeDomainEventsOptions): Promise<void> {
  let value: unknown;
  try {
    value = JSON.parse(msg.string());
  } catch {
    value = undefined;
  }
  if (!domainEventValidator.Check(value)) {
    msg.term();
    report(() => options.onInvalid?.(describeErrors(domainEventValidator.Errors(value)), msg.seq));
    return;
  }
  try {
    await whileWorking(msg, ACK_WAIT_MS, () => options.handler(value));
  } catch (error) {
    msg.nak(defaultRetryDelayMs(msg.info.deliveryCount));
    report(() => options.onHandlerError?.(error, value));
    return;
  }
  await msg.ackAck();
}
