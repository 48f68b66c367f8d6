/** Counters the tests read through `sim.stats()`. */
export interface SimStats {
  /** Bot API calls per method name (as the table spells it), including failed ones. */
  calls: Record<string, number>;
  /** How many calls were answered with 429. */
  tooManyRequests: number;
  /** Timestamps (simulator clock, ms) of accepted sends per chat id. */
  sendsByChat: Record<number, number[]>;
}

export class StatsRecorder {
  readonly #calls = new Map<string, number>();
  readonly #sends = new Map<number, number[]>();
  #tooManyRequests = 0;

  call(method: string): void {
    this.#calls.set(method, (this.#calls.get(method) ?? 0) + 1);
  }

  tooManyRequests(): void {
    this.#tooManyRequests += 1;
  }

  send(chatId: number, at: number): void {
    const list = this.#sends.get(chatId) ?? [];
    list.push(at);
    this.#sends.set(chatId, list);
  }

  snapshot(): SimStats {
    const sendsByChat: Record<number, number[]> = {};
    for (const [chatId, times] of this.#sends) sendsByChat[chatId] = [...times];
    return { calls: Object.fromEntries(this.#calls), tooManyRequests: this.#tooManyRequests, sendsByChat };
  }

  reset(): void {
    this.#calls.clear();
    this.#sends.clear();
    this.#tooManyRequests = 0;
  }
}
