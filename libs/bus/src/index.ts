export { type Bus, type ConnectBusOptions, connectBus } from "./bus-connection.ts";
export { type BusNaming, createBusNaming } from "./bus-naming.ts";
export {
  type ConsumeDomainEventsOptions,
  consumeDomainEvents,
  type DomainEventConsumer,
} from "./consume-domain-events.ts";
export {
  type ConsumeLoop,
  type ConsumeLoopOptions,
  startConsumeLoop,
  whileWorking,
} from "./consume-loop.ts";
export { consumePartitions } from "./consume-partitions.ts";
export { type DurableConsumerConfig, ensureDurableConsumer } from "./ensure-durable-consumer.ts";
export { type EnsureStreamsOptions, ensureStream, ensureStreams } from "./ensure-streams.ts";
export type {
  ConsumePartitionsOptions,
  InboundHandler,
  InboundMeta,
  InvalidInbound,
  PartitionConsumers,
} from "./inbound-consumer-types.ts";
export { InvalidEventError } from "./invalid-event-error.ts";
export { defaultRetryDelayMs } from "./partition-loop.ts";
export {
  type Published,
  type PublishOptions,
  publishDomainEvent,
  publishInbound,
  TRACEPARENT_HEADER,
} from "./publish.ts";
