import { AckPolicy, DeliverPolicy } from "@nats-io/jetstream";
import { nanos } from "@nats-io/nats-core";
import type { DurableConsumerConfig } from "./ensure-durable-consumer.ts";

/**
 * How long the server waits for an ack before redelivering. The consumer loop signals progress
 * (`working()`) while a handler runs, so this bounds a crashed process, not a slow handler. Short, because a message the
 * server hands out while a router stops is only redelivered after it (and it blocks its partition).
 */
export const ACK_WAIT_MS = 5_000;

export function partitionConsumerConfig(durableName: string, filterSubject: string): DurableConsumerConfig {
  return {
    durable_name: durableName,
    filter_subject: filterSubject,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(ACK_WAIT_MS),
    // One unacknowledged message at a time: a partition's events (so one dialog's events) are
    // handled strictly in order, and a nak'ed event is redelivered before anything behind it.
    max_ack_pending: 1,
    // Never give up on an event: skipping one would reorder or drop a client's message.
    max_deliver: -1,
  };
}
