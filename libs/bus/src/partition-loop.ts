import type { JsMsg } from "@nats-io/jetstream";
import type { Bus } from "./bus-connection.ts";
import { type ConsumeLoop, report, startConsumeLoop, whileWorking } from "./consume-loop.ts";
import { decodeInbound } from "./decode-inbound.ts";
import type { ConsumePartitionsOptions, InboundMeta } from "./inbound-consumer-types.ts";
import { ACK_WAIT_MS } from "./partition-consumer-config.ts";
import { TRACEPARENT_HEADER } from "./publish.ts";

/**
 * Consumes one partition's durable consumer, one event at a time, until stopped. Survives bad
 * messages, failing handlers and lost subscriptions; never rejects.
 */
export function startPartitionLoop(
  bus: Bus,
  stream: string,
  durableName: string,
  partition: number,
  options: ConsumePartitionsOptions,
): ConsumeLoop {
  return startConsumeLoop({
    consumer: () => bus.js.consumers.get(stream, durableName),
    handle: (msg) => handleMessage(msg, partition, options),
    onConsumerError: (error) => options.onConsumerError?.(error, partition),
  });
}

async function handleMessage(
  msg: JsMsg,
  partition: number,
  options: ConsumePartitionsOptions,
): Promise<void> {
  const decoded = decodeInbound(msg.string());
  if (!decoded.ok) {
    // Redelivering cannot fix a malformed message, and it would block the partition behind it.
    // term() without a reason: nats-server 2.9 only understands a bare "+TERM".
    msg.term();
    report(() =>
      options.onInvalid?.({ partition, seq: msg.seq, subject: msg.subject, errors: decoded.errors }),
    );
    return;
  }
  const meta = metaOf(msg, partition);
  try {
    await whileWorking(msg, ACK_WAIT_MS, () => options.handler(decoded.event, meta));
  } catch (error) {
    // With one unacknowledged message per partition, the nak'ed event comes back before any later one.
    msg.nak((options.retryDelayMs ?? defaultRetryDelayMs)(meta.deliveryCount));
    report(() => options.onHandlerError?.(error, meta));
    return;
  }
  // Waits for the server's confirmation: once `stop()` returns, an acknowledged event stays handled.
  await msg.ackAck();
}

function metaOf(msg: JsMsg, partition: number): InboundMeta {
  return {
    partition,
    seq: msg.seq,
    subject: msg.subject,
    redelivered: msg.redelivered,
    deliveryCount: msg.info.deliveryCount,
    traceparent: msg.headers?.get(TRACEPARENT_HEADER) || undefined,
  };
}

const RETRY_BASE_MS = 250;
const RETRY_CAP_MS = 30_000;

export function defaultRetryDelayMs(deliveryCount: number): number {
  return Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, deliveryCount - 1));
}
