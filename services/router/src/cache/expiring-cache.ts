export interface ExpiringCacheOptions {
  /** The longest a loaded value is served: the bound on staleness when an invalidation is missed. */
  ttlMs: number;
  /** Beyond this many entries the least recently used one is dropped. */
  maxEntries: number;
  /** Milliseconds; tests move it. */
  now?: () => number;
}

interface Entry<V> {
  value: V;
  loadedAt: number;
}

/**
 * A read-through cache whose entries expire `ttlMs` after they were loaded and can be invalidated
 * at any time. Concurrent reads of one missing key share one load. A load that was running when its
 * key (or the whole cache) was invalidated still answers its callers, but is not kept: it may have
 * read the database before the change it was invalidated for.
 */
export class ExpiringCache<K, V> {
  readonly #entries = new Map<K, Entry<V>>();
  readonly #loading = new Map<K, Promise<V>>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  /** Bumped by every invalidation; a load keeps its value only if none happened meanwhile. */
  #generation = 0;

  constructor(options: ExpiringCacheOptions) {
    if (!(options.ttlMs > 0)) throw new RangeError(`ttlMs must be positive, got ${options.ttlMs}`);
    if (!(options.maxEntries >= 1))
      throw new RangeError(`maxEntries must be at least 1, got ${options.maxEntries}`);
    this.#ttlMs = options.ttlMs;
    this.#maxEntries = options.maxEntries;
    this.#now = options.now ?? Date.now;
  }

  async get(key: K, load: (key: K) => Promise<V>): Promise<V> {
    const entry = this.#entries.get(key);
    if (entry && this.#now() - entry.loadedAt < this.#ttlMs) {
      // Re-inserting keeps the Map in least-recently-used order for eviction.
      this.#entries.delete(key);
      this.#entries.set(key, entry);
      return entry.value;
    }
    const running = this.#loading.get(key);
    if (running) return await running;
    return await this.#load(key, load);
  }

  /** The next read of `key` loads it again. */
  invalidate(key: K): void {
    this.#generation += 1;
    this.#entries.delete(key);
    this.#loading.delete(key);
  }

  /** Every next read loads again (after a reconnect, when invalidations may have been missed). */
  clear(): void {
    this.#generation += 1;
    this.#entries.clear();
    this.#loading.clear();
  }

  get size(): number {
    return this.#entries.size;
  }

  async #load(key: K, load: (key: K) => Promise<V>): Promise<V> {
    const generation = this.#generation;
    // Counted from the start of the load: the value is at most as old as that.
    const loadedAt = this.#now();
    const promise = load(key);
    this.#loading.set(key, promise);
    try {
      const value = await promise;
      if (this.#generation === generation) this.#keep(key, { value, loadedAt });
      return value;
    } finally {
      if (this.#loading.get(key) === promise) this.#loading.delete(key);
    }
  }

  #keep(key: K, entry: Entry<V>): void {
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
  }
}
