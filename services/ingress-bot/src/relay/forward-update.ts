import type { RelayTarget } from "@topicdesk/db";
import pRetry, { AbortError } from "p-retry";

/** How hard the relay tries before it gives an update up. */
export interface RelayRetryOptions {
  /** Retries after the first attempt. Default 8 (with the delays below, about four minutes). */
  retries?: number;
  /** First pause between attempts; doubles each time. Default 1 s. */
  minDelayMs?: number;
  /** Longest pause between attempts. Default 60 s. */
  maxDelayMs?: number;
  /** How long one attempt may take before it counts as failed. Default 10 s. */
  attemptTimeoutMs?: number;
}

/** The other system answered with a status that is not success. */
export class RelayStatusError extends Error {
  override readonly name = "RelayStatusError";
  readonly status: number;

  constructor(status: number) {
    super(`the other system answered ${status}`);
    this.status = status;
  }
}

/** The other system could not be reached or did not answer in time. */
export class RelayUnreachableError extends Error {
  override readonly name = "RelayUnreachableError";
}

/**
 * fetch reports a refused connection as `TypeError: fetch failed` with the reason in `cause`. Turned
 * into our own error so the log says why (ECONNREFUSED, a timeout) and p-retry, which does not
 * retry TypeErrors it does not recognise, retries it like any failure.
 */
function unreachable(error: unknown): RelayUnreachableError {
  const cause = error instanceof Object && "cause" in error ? error.cause : undefined;
  const code = cause instanceof Object && "code" in cause ? String(cause.code) : undefined;
  const name = error instanceof Object && "name" in error ? String(error.name) : "Error";
  const message = error instanceof Object && "message" in error ? String(error.message) : String(error);
  return new RelayUnreachableError(code ? `${message} (${code})` : `${name}: ${message}`);
}

export type ForwardOutcome =
  | { kind: "forwarded"; attempts: number }
  /** Given up: retries used up, or the other system refused the update for good (a 4xx). */
  | { kind: "dropped"; attempts: number; error: Error };

export interface ForwardCallbacks {
  /** Called after each failed attempt, before the pause. */
  onFailedAttempt?: (error: Error, attempt: number, retriesLeft: number) => void;
  /** Aborts the attempts (the process stops): the promise rejects and the update stays stored. */
  signal?: AbortSignal;
}

/**
 * POSTs the update to the other system like Telegram would: the same JSON body, the same
 * `X-Telegram-Bot-Api-Secret-Token`, any 2xx is success, redirects are not followed.
 */
export async function postUpdate(
  target: RelayTarget,
  rawBody: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const response = await fetch(target.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(target.secret === undefined ? {} : { "x-telegram-bot-api-secret-token": target.secret }),
    },
    body: rawBody,
    redirect: "manual",
    signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
  });
  // The answer's body means nothing to Telegram either; release the connection at once.
  await response.body?.cancel();
  if (response.status < 200 || response.status > 299) throw new RelayStatusError(response.status);
}

/**
 * A 4xx says the other system will never take this update (bad secret, unknown path): retrying
 * would only hold up the updates behind it. Timeouts, 408, 425, 429, 5xx and network errors pass.
 */
function isPermanent(error: RelayStatusError): boolean {
  return error.status >= 400 && error.status < 500 && ![408, 425, 429].includes(error.status);
}

/** Forwards one update with bounded exponential backoff (p-retry). Never rejects unless aborted. */
export async function forwardWithRetries(
  target: RelayTarget,
  rawBody: string,
  options: RelayRetryOptions,
  callbacks: ForwardCallbacks = {},
): Promise<ForwardOutcome> {
  let attempts = 0;
  const timeoutMs = options.attemptTimeoutMs ?? 10_000;
  try {
    await pRetry(
      async () => {
        attempts += 1;
        try {
          await postUpdate(target, rawBody, timeoutMs, callbacks.signal);
        } catch (error) {
          if (callbacks.signal?.aborted) throw error;
          if (error instanceof RelayStatusError) throw isPermanent(error) ? new AbortError(error) : error;
          throw unreachable(error);
        }
      },
      {
        retries: options.retries ?? 8,
        minTimeout: options.minDelayMs ?? 1_000,
        maxTimeout: options.maxDelayMs ?? 60_000,
        factor: 2,
        ...(callbacks.signal ? { signal: callbacks.signal } : {}),
        onFailedAttempt: ({ error, attemptNumber, retriesLeft }) =>
          callbacks.onFailedAttempt?.(error, attemptNumber, retriesLeft),
      },
    );
    return { kind: "forwarded", attempts };
  } catch (error) {
    if (callbacks.signal?.aborted) throw error;
    return { kind: "dropped", attempts, error: error instanceof Error ? error : new Error(String(error)) };
  }
}
