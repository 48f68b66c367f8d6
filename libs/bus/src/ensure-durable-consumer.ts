import type { ConsumerConfig, JetStreamManager } from "@nats-io/jetstream";
import { isConsumerNotFound } from "./jetstream-errors.ts";

export type DurableConsumerConfig = Partial<ConsumerConfig> & { durable_name: string };

/**
 * Creates the durable consumer, or updates the fields the server lets change (ack wait, pending
 * and delivery limits); safe at every start. Durable, so a restarted consumer resumes after the last
 * acknowledged message.
 */
export async function ensureDurableConsumer(
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
