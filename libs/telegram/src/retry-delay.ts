import type { TelegramFailure } from "./telegram-failure.ts";

/** First retry of a transient failure waits about this long; each further attempt doubles it. */
const TRANSIENT_BASE_MS = 500;
/** Past half a minute, waiting longer only delays recovery once Telegram answers again. */
const TRANSIENT_CAP_MS = 30_000;

/**
 * How long to wait before retrying a failed call, or undefined when retrying cannot help.
 *
 * - rate-limited: exactly what Telegram asked for (`retry_after`).
 * - transient: exponential backoff (0.5 s, 1 s, 2 s … capped at 30 s) with "equal jitter": a random
 *   delay between half and all of it, so workers that failed together do not retry together.
 * - forbidden, bad-request, unauthorized: permanent, undefined.
 *
 * @param attempt 1 for the first retry.
 * @param random source of randomness in [0, 1), replaceable in tests.
 */
export function retryDelayMs(
  failure: TelegramFailure,
  attempt: number,
  random: () => number = Math.random,
): number | undefined {
  switch (failure.kind) {
    case "rate-limited":
      return failure.retryAfterSeconds * 1000;
    case "transient":
      return backoffMs(attempt, random);
    case "forbidden":
    case "bad-request":
    case "unauthorized":
      return undefined;
  }
}

/**
 * Exponential backoff with equal jitter (0.5 s, 1 s, 2 s … capped at 30 s, each between half and all
 * of that): for transient Telegram failures and for our own infrastructure's hiccups alike.
 *
 * @param attempt 1 for the first retry.
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  const ceiling = Math.min(TRANSIENT_CAP_MS, TRANSIENT_BASE_MS * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
