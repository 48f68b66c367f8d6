/**
 * Injected failures for tests: one-shot errors for a method (`failNext`) and a global outage
 * that answers every Bot API call with an error and/or after a delay.
 */
export interface SimFailure {
  errorCode: 500 | 502 | 400 | 403 | 429;
  description?: string;
  /** How many calls fail; default 1. */
  count?: number;
  /** For 429: the retry_after to announce (default 1). */
  retryAfter?: number;
  /** Only calls addressed to this chat (`chat_id`) fail; calls to other chats go through. */
  chatId?: number;
}

export interface SimOutage {
  /** Answer every call with this error (after `delayMs`, if set). */
  errorCode?: 500 | 502;
  /**
   * Hold every call this long before answering. Without `errorCode` the call is then executed
   * normally — like a slow Telegram, where a client that timed out may still have sent the message.
   */
  delayMs?: number;
}

interface PendingFailure {
  method: string;
  failure: SimFailure;
  remaining: number;
}

export class FaultInjector {
  #pending: PendingFailure[] = [];
  #outage: SimOutage | null = null;

  failNext(method: string, failure: SimFailure): void {
    const remaining = failure.count ?? 1;
    if (!Number.isInteger(remaining) || remaining < 1)
      throw new RangeError("count must be a positive integer");
    this.#pending.push({ method: method.toLowerCase(), failure, remaining });
  }

  setOutage(outage: SimOutage | null): void {
    this.#outage = outage;
  }

  get outage(): SimOutage | null {
    return this.#outage;
  }

  /** The failure planned for this call of `method` (case-insensitive), consuming one use. */
  take(method: string, chatId?: unknown): SimFailure | undefined {
    const lower = method.toLowerCase();
    const index = this.#pending.findIndex(
      (p) =>
        (p.method === lower || p.method === "*") &&
        (p.failure.chatId === undefined || String(p.failure.chatId) === String(chatId)),
    );
    const entry = this.#pending[index];
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.#pending.splice(index, 1);
    return entry.failure;
  }

  reset(): void {
    this.#pending = [];
    this.#outage = null;
  }
}
