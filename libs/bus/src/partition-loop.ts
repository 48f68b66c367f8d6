import type { ConsumerMessages, JsMsg } from "@nats-io/jetstream";
import type { Bus } from "./bus-connection.ts";
import { decodeInbound } from "./decode-inbound.ts";
import type { ConsumePartitionsOptions, InboundMeta } from "./inbound-consumer-types.ts";
import { ACK_WAIT_MS } from "./partition-consumer-config.ts";
import { TRACEPARENT_HEADER } from "./publish.ts";

export interface PartitionLoop {
  stop(): Promise<void>;
}

/** Pause before consuming a partition again after its subscription failed. */
const RESTART_DELAY_MS = 1000;

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
): PartitionLoop {
  let stopping = false;
  let messages: ConsumerMessages | undefined;

  const loop = async () => {
    while (!stopping) {
      try {
        messages = await (await bus.js.consumers.get(stream, durableName)).consume({ max_messages: 1 });
        // stop() may have come while consume() was starting; the iteration below then ends at once.
        if (stopping) messages.stop();
        for await (const msg of messages) {
          // Buffered before stop was requested: hand it back at once so whoever resumes gets it now,
          // not after the ack wait.
          if (stopping) msg.nak();
          else await handleMessage(msg, partition, options);
        }
      } catch (error) {
        if (stopping) break;
        report(() => options.onConsumerError?.(error, partition));
        await new Promise((resolve) => setTimeout(resolve, RESTART_DELAY_MS));
      }
    }
  };
  const done = loop();

  return {
    stop: async () => {
      stopping = true;
      // Ends the iteration after the in-flight event is handled (stop() queues behind it); not
      // close(): its promise only settles while someone iterates, which a failed loop no longer does.
      messages?.stop();
      await done;
    },
  };
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
    await whileWorking(msg, () => options.handler(decoded.event, meta));
  } catch (error) {
    // With one unacknowledged message per partition, the nak'ed event comes back before any later one.
    msg.nak((options.retryDelayMs ?? defaultRetryDelayMs)(meta.deliveryCount));
    report(() => options.onHandlerError?.(error, meta));
    return;
  }
  // Waits for the server's confirmation: once `stop()` returns, an acknowledged event stays handled.
  await msg.ackAck();
}

/** Tells the server the handler is still busy, so a slow handler's event is not redelivered meanwhile. */
async function whileWorking(msg: JsMsg, run: () => Promise<void>): Promise<void> {
  const keepAlive = setInterval(() => msg.working(), ACK_WAIT_MS / 3);
  try {
    await run();
  } finally {
    clearInterval(keepAlive);
  }
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

/** Callbacks are the caller's code; one that throws must not end the loop (or crash the process). */
function report(callback: () => void): void {
  try {
    callback();
  } catch (error) {
    process.emitWarning(
      `a @topicdesk/bus callback threw: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
