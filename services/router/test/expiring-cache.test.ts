import { ExpiringCache } from "../src/cache/expiring-cache.ts";

/** The router's read cache: expiry is the bound on staleness, invalidation is immediate. */
describe("ExpiringCache", () => {
  const clock = { now: 1_000_000 };
  const cacheOf = (options: { ttlMs?: number; maxEntries?: number } = {}) =>
    new ExpiringCache<string, string>({
      ttlMs: options.ttlMs ?? 5_000,
      maxEntries: options.maxEntries ?? 100,
      now: () => clock.now,
    });
  /** A loader that answers "<key>#<n>" for its n-th call and counts calls. */
  const counting = () => {
    const calls: string[] = [];
    const load = async (key: string) => {
      calls.push(key);
      return `${key}#${calls.length}`;
    };
    return { calls, load };
  };

  test("a value is served from memory until ttlMs after it was loaded, never later", async () => {
    const cache = cacheOf({ ttlMs: 5_000 });
    const { calls, load } = counting();
    expect(await cache.get("desk", load)).toBe("desk#1");
    clock.now += 4_999;
    expect(await cache.get("desk", load)).toBe("desk#1");
    clock.now += 1;
    expect(await cache.get("desk", load)).toBe("desk#2");
    expect(calls).toEqual(["desk", "desk"]);
  });

  test("invalidate makes the next read load again; other keys stay cached", async () => {
    const cache = cacheOf();
    const { calls, load } = counting();
    await cache.get("a", load);
    await cache.get("b", load);
    cache.invalidate("a");
    expect(await cache.get("a", load)).toBe("a#3");
    expect(await cache.get("b", load)).toBe("b#2");
    cache.clear();
    expect(await cache.get("b", load)).toBe("b#4");
    expect(calls).toEqual(["a", "b", "a", "b"]);
  });

  test("concurrent reads of a missing key share one load", async () => {
    const cache = cacheOf();
    const { calls, load } = counting();
    const answers = await Promise.all([cache.get("a", load), cache.get("a", load), cache.get("a", load)]);
    expect(answers).toEqual(["a#1", "a#1", "a#1"]);
    expect(calls).toEqual(["a"]);
  });

  test("a load overtaken by an invalidation answers its caller but is not kept", async () => {
    const cache = cacheOf();
    let release: (value: string) => void = () => undefined;
    const slow = cache.get("a", () => new Promise<string>((resolve) => (release = resolve)));
    // The change is announced while the old value is being read.
    cache.invalidate("a");
    const fresh = cache.get("a", async () => "after the change");
    release("before the change");
    expect(await slow).toBe("before the change");
    expect(await fresh).toBe("after the change");
    expect(await cache.get("a", async () => "not loaded")).toBe("after the change");
  });

  test("a failed load is not cached: the next read tries again", async () => {
    const cache = cacheOf();
    await expect(
      cache.get("a", async () => {
        throw new Error("database unavailable");
      }),
    ).rejects.toThrow("database unavailable");
    expect(await cache.get("a", async () => "loaded")).toBe("loaded");
  });

  test("beyond maxEntries the least recently used entry is dropped", async () => {
    const cache = cacheOf({ maxEntries: 2 });
    const { calls, load } = counting();
    await cache.get("a", load);
    await cache.get("b", load);
    await cache.get("a", load); // a is now the most recently used
    await cache.get("c", load); // drops b
    expect(cache.size).toBe(2);
    await cache.get("a", load);
    await cache.get("b", load);
    expect(calls).toEqual(["a", "b", "c", "b"]);
  });

  test("a ttl or size that would disable the bound is refused", () => {
    expect(() => cacheOf({ ttlMs: 0 })).toThrow(RangeError);
    expect(() => cacheOf({ maxEntries: 0 })).toThrow(RangeError);
  });
});
