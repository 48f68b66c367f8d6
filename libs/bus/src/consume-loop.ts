import type { Consumer, ConsumerMessages, JsMsg } from "@nats-io/jetstream";

export interface ConsumeLoopOptions {
  /** The durable consumer to read; called again after each failure (it may re-create the consumer). */
  consumer: () => Promise<Consumer>;
  /**
   * Handles one message and acks, naks or terminates it. `stopping` aborts when `stop()` is called,
   * for handlers that wait (retries with backoff) and should hand the message back instead.
   */
  handle: (msg: JsMsg, stopping: AbortSignal) => Promise<void>;
  /** Reading failed (connection lost, consumer deleted …); the loop starts again after a second. */
  onConsumerError?: (error: unknown) => void;
}

export interface ConsumeLoop {
  /** Stops after the in-flight message is handled. */
  stop(): Promise<void>;
}

/** Pause before consuming again after the subscription failed. */
const RESTART_DELAY_MS = 1000;

/**
 * Reads a durable pull consumer one message at a time until stopped: the loop every consumer of
 * ours runs (router partitions, module services' domain events, the webhook relay). Survives
 * failing handlers and lost subscriptions; never rejects.
 */
export function startConsumeLoop(options: ConsumeLoopOptions): ConsumeLoop {
  const stopping = new AbortController();
  let messages: ConsumerMessages | undefined;

  const loop = async () => {
    while (!stopping.signal.aborted) {
      try {
        messages = await (await options.consumer()).consume({ max_messages: 1 });
        // stop() may have come while consume() was starting; the iteration below then ends at once.
        if (stopping.signal.aborted) messages.stop();
        for await (const msg of messages) {
          // Buffered before stop was requested: hand it back at once so whoever resumes gets it now,
          // not after the ack wait.
          if (stopping.signal.aborted) msg.nak();
          else await options.handle(msg, stopping.signal);
        }
      } catch (error) {
        if (stopping.signal.aborted) break;
        report(() => options.onConsumerError?.(error));
        await new Promise((resolve) => setTimeout(resolve, RESTART_DELAY_MS));
      }
    }
  };
  const done = loop();

  return {
    async stop() {
      stopping.abort();
      // Ends the iteration after the in-flight message is handled (stop() queues behind it); not
      // close(): its promise only settles while someone iterates, which a failed loop no longer does.
      messages?.stop();
      await done;
    },
  };
}

/**
 * Runs a message's handler while telling the server it is still being worked on, so a handler that
 * outlasts the consumer's ack wait is not redelivered meanwhile.
 */
export async function whileWorking<T>(msg: JsMsg, ackWaitMs: number, run: () => Promise<T>): Promise<T> {
  const keepAlive = setInterval(() => msg.working(), ackWaitMs / 3);
  try {
    return await run();
  } finally {
    clearInterval(keepAlive);
  }
}

/** Callbacks are the caller's code; one that throws must not end the loop (or crash the process). */
export function report(callback: () => void): void {
  try {
    callback();
  } catch (error) {
    process.emitWarning(
      `a @topicdesk/bus callback threw: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
