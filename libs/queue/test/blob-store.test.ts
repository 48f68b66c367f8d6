import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import {
  BlobTooLargeError,
  blobRedisKey,
  connectRedis,
  loadBlob,
  MAX_BLOB_BYTES,
  storeBlob,
} from "../src/index.ts";

describe("the blob store", () => {
  let redis: Redis;
  const prefix = `blob-test-${randomBytes(4).toString("hex")}`;
  beforeAll(() => {
    redis = connectRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  test("stored bytes come back unchanged under the returned key, with the TTL set", async () => {
    const bytes = new Uint8Array([0, 1, 2, 255, 0xef, 0xbb, 0xbf]);
    const key = await storeBlob(redis, prefix, bytes, 60);
    expect(key).toMatch(/^[a-f0-9]{32}$/);
    expect(await loadBlob(redis, prefix, key)).toEqual(bytes);
    const ttl = await redis.ttl(blobRedisKey(prefix, key));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
  });

  test("two stores of the same bytes get different keys", async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(await storeBlob(redis, prefix, bytes, 60)).not.toBe(await storeBlob(redis, prefix, bytes, 60));
  });

  test("an expired, unknown or malformed key loads nothing", async () => {
    const key = await storeBlob(redis, prefix, new Uint8Array([1]), 60);
    await redis.del(blobRedisKey(prefix, key));
    expect(await loadBlob(redis, prefix, key)).toBeUndefined();
    expect(await loadBlob(redis, prefix, "0".repeat(32))).toBeUndefined();
    expect(await loadBlob(redis, prefix, "../../etc")).toBeUndefined();
  });

  test("another prefix does not see the blob", async () => {
    const key = await storeBlob(redis, prefix, new Uint8Array([7]), 60);
    expect(await loadBlob(redis, `${prefix}-other`, key)).toBeUndefined();
  });

  test("a bad TTL or an oversized blob is refused and stores nothing", async () => {
    const before = (await redis.keys(`${prefix}:*`)).length;
    await expect(storeBlob(redis, prefix, new Uint8Array([1]), 0)).rejects.toThrow("ttlSeconds");
    await expect(storeBlob(redis, prefix, new Uint8Array([1]), 1.5)).rejects.toThrow("ttlSeconds");
    const oversized = { byteLength: MAX_BLOB_BYTES + 1 } as Uint8Array;
    await expect(storeBlob(redis, prefix, oversized, 60)).rejects.toBeInstanceOf(BlobTooLargeError);
    expect((await redis.keys(`${prefix}:*`)).length).toBe(before);
  });
});
