import type { Bus } from "./bus-connection.ts";
import type { BusNaming } from "./bus-naming.ts";
import { ensureDurableConsumer } from "./ensure-durable-consumer.ts";
import type { ConsumePartitionsOptions, PartitionConsumers } from "./inbound-consumer-types.ts";
import { partitionConsumerConfig } from "./partition-consumer-config.ts";
import { startPartitionLoop } from "./partition-loop.ts";

/** Consumer names become part of NATS API subjects, so dots, wildcards and spaces are out. */
const DURABLE_PREFIX_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Consumes the inbound stream with one durable pull consumer per partition (`<durablePrefix>-p<N>`,
 * filtered to `td.in.<N>.>`), each handling one event at a time so a dialog's events are handled in
 * the order they were published. Several processes may run this with the same prefix: they share
 * the consumers and order still holds, because each consumer lets only one event out at a time.
 */
export async function consumePartitions(
  bus: Bus,
  naming: BusNaming,
  options: ConsumePartitionsOptions,
): Promise<PartitionConsumers> {
  if (!DURABLE_PREFIX_PATTERN.test(options.durablePrefix)) {
    throw new Error(
      `durablePrefix must be 1 to 64 letters, digits, "_" or "-"; got "${options.durablePrefix}"`,
    );
  }
  if (!Number.isInteger(options.partitions) || options.partitions < 1) {
    throw new Error(`partitions must be a positive integer; got ${options.partitions}`);
  }
  const partitions = Array.from({ length: options.partitions }, (_, partition) => partition);
  const durableName = (partition: number) => `${options.durablePrefix}-p${partition}`;
  await Promise.all(
    partitions.map((partition) =>
      ensureDurableConsumer(
        bus.jsm,
        naming.inboundStream,
        partitionConsumerConfig(durableName(partition), naming.inboundPartitionFilter(partition)),
      ),
    ),
  );
  const loops = partitions.map((partition) =>
    startPartitionLoop(bus, naming.inboundStream, durableName(partition), partition, options),
  );
  return {
    stop: async () => {
      await Promise.all(loops.map((loop) => loop.stop()));
    },
  };
}
