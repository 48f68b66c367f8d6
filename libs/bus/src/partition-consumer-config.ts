import { AckPolicy, type ConsumerConfig, DeliverPolicy, type JetStreamManager } from "@nats-io/jetstream";
import { nanos } from "@nats-io/nats-core";
import { isConsumerNotFound } from "./jetstream-errors.ts";

/**
 * How long the server waits for an ack before redelivering. The consumer loop signals progress
 * (`working()`) while a handler runs, so this bounds a crashed process, not a slow handler. Short, because a message the
 * server hands out while a router stops is only redelivered after it (and it blocks its partition).
 */
export const ACK_WAIT_MS = 5_000;

type DurableConsumerConfig = Partial<ConsumerConfig> & { durable_name: string };

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

/**
 * Creates the durable consumer, or updates the fields the server lets change. Durable, so a
 * restarted router resumes after the last acknowledged event.
 */
export async function ensurePartitionConsumer(
  jsm: JetStreamManager,
  stream: string,
  config: DurableConsumerConfig,
): Promise<void> {
  const exists = await jsm.consumers.info(stream, config.durable_name).then(
    () => true,
    (error: unknown) => {
      if (isConsumerNotFound(error)) return false;
      throw error;
    },
  );
  if (!exists) {
    await jsm.consumers.add(stream, config);
    return;
  }
  const { ack_wait, max_ack_pending, max_deliver } = config;
  await jsm.consumers.update(stream, config.durable_name, { ack_wait, max_ack_pending, max_deliver });
}
