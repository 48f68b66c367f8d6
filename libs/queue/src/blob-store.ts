import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";

/**
 * Short-lived file bytes (a CSV export, a chart) parked in Redis so a delivery job can carry a key
 * instead of the file: BullMQ payloads stay small, and the file vanishes with its TTL whether or
 * not it was ever sent (nothing about clients lingers). Keys are random, so they cannot be guessed
 * and two producers never collide.
 */

/** Redis refuses a value over 512 MB; Telegram takes at most 50 MB from a bot. Stay under the latter. */
export const MAX_BLOB_BYTES = 50 * 1024 * 1024;

const KEY_PATTERN = /^[a-f0-9]{32}$/;

export class BlobTooLargeError extends Error {
  readonly bytes: number;
  constructor(bytes: number) {
    super(`a blob may hold at most ${MAX_BLOB_BYTES} bytes; got ${bytes}`);
    this.name = "BlobTooLargeError";
    this.bytes = bytes;
  }
}

export function blobRedisKey(prefix: string, key: string): string {
  return `${prefix}:td:blob:${key}`;
}

/** Stores the bytes for `ttlSeconds` and returns the key to put into a job. */
export async function storeBlob(
  redis: Redis,
  prefix: string,
  bytes: Uint8Array,
  ttlSeconds: number,
): Promise<string> {
  if (bytes.byteLength > MAX_BLOB_BYTES) throw new BlobTooLargeError(bytes.byteLength);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) {
    throw new Error(`ttlSeconds must be a positive integer; got ${ttlSeconds}`);
  }
  const key = randomBytes(16).toString("hex");
  await redis.set(blobRedisKey(prefix, key), Buffer.from(bytes), "EX", ttlSeconds);
  return key;
}

/** The bytes under `key`, or undefined when they expired (or the key was never issued). */
export async function loadBlob(redis: Redis, prefix: string, key: string): Promise<Uint8Array | undefined> {
  if (!KEY_PATTERN.test(key)) return undefined;
  const value = await redis.getBuffer(blobRedisKey(prefix, key));
  return value === null ? undefined : new Uint8Array(value);
}
