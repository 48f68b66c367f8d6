import type { InboundEvent } from "@topicdesk/contracts";

/** Where an inbound event came from and how often it was delivered. */
export interface InboundMeta {
  readonly partition: number;
  /** Stream sequence; stable across redeliveries. */
  readonly seq: number;
  readonly subject: string;
  readonly redelivered: boolean;
  /** 1 on the first delivery. */
  readonly deliveryCount: number;
  /** W3C trace context the publisher attached, for `withExtractedContext`. */
  readonly traceparent: string | undefined;
}

/** Resolving acknowledges the event; throwing has it redelivered (in order) after a delay. */
export type InboundHandler = (event: InboundEvent, meta: InboundMeta) => Promise<void>;

/** A message on an inbound subject that is not a valid InboundEvent; it was terminated. */
export interface InvalidInbound {
  readonly partition: number;
  readonly seq: number;
  readonly subject: string;
  readonly errors: readonly string[];
}

export interface ConsumePartitionsOptions {
  /** Durable consumer names are `<durablePrefix>-p<partition>`; the same prefix resumes where it stopped. */
  durablePrefix: string;
  /** Must equal the partition count ingress publishes with. */
  partitions: number;
  handler: InboundHandler;
  onInvalid?: (invalid: InvalidInbound) => void;
  /** The handler threw; the event will be redelivered after `retryDelayMs(meta.deliveryCount)`. */
  onHandlerError?: (error: unknown, meta: InboundMeta) => void;
  /** Consuming a partition failed (connection, consumer deleted …); it is restarted after a second. */
  onConsumerError?: (error: unknown, partition: number) => void;
  /** Delay before a failed event is redelivered. Default: 250 ms doubling per delivery, at most 30 s. */
  retryDelayMs?: (deliveryCount: number) => number;
}

export interface PartitionConsumers {
  /** Stops every partition after its in-flight event is handled and acknowledged. */
  stop(): Promise<void>;
}
