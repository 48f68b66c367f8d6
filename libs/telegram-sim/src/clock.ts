/**
 * The simulator's notion of "now". It follows the wall clock but tests can move it forward
 * (`advanceClock`) to leave a rate-limit window or age messages without really waiting a minute.
 * HTTP timers (long polling, webhook backoff) keep using real time.
 */
export class SimClock {
  #offsetMs = 0;

  now(): number {
    return Date.now() + this.#offsetMs;
  }

  /** Unix time in seconds, as Telegram puts it into `date` fields. */
  unixNow(): number {
    return Math.floor(this.now() / 1000);
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError("advanceClock expects a non-negative number");
    this.#offsetMs += ms;
  }
}
