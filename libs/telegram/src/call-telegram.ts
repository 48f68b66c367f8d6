import { topicdeskMetrics } from "@topicdesk/telemetry";
import { classifyTelegramError } from "./classify-telegram-error.ts";
import { retryDelayMs } from "./retry-delay.ts";
import type { TelegramFailure } from "./telegram-failure.ts";

/** A Telegram call failed for good (blocked, bad request …) or kept failing past our patience. */
export class DeliveryFailure extends Error {
  readonly failure: TelegramFailure;
  constructor(failure: TelegramFailure) {
    super(`telegram call failed: ${failure.kind}`);
    this.name = "DeliveryFailure";
    this.failure = failure;
  }
}

export interface CallOptions {
  /** Transient failures (5xx, network) are retried this many times before giving up. */
  maxTransientAttempts: number;
  sleep: (ms: number) => Promise<void>;
  onRetry?: (failure: TelegramFailure, delayMs: number) => void;
}

/**
 * Calls Telegram and waits out rate limits and transient failures *inside the job*, rather than
 * letting BullMQ retry later: a retried job would lose its place in the FIFO and the next message
 * of the same chat would overtake it. A 429 therefore pauses exactly this lane for `retry_after`.
 */
export async function callTelegram<T>(call: () => Promise<T>, options: CallOptions): Promise<T> {
  let transientAttempts = 0;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const failure = classifyTelegramError(error);
      if (failure.kind === "transient") transientAttempts += 1;
      if (failure.kind === "rate-limited") topicdeskMetrics().telegramThrottled.add(1);
      const delay = retryDelayMs(failure, transientAttempts);
      if (delay === undefined || transientAttempts > options.maxTransientAttempts) {
        throw new DeliveryFailure(failure);
      }
      topicdeskMetrics().deliveryRetries.add(1, { reason: failure.kind });
      options.onRetry?.(failure, delay);
      await options.sleep(delay);
    }
  }
}
