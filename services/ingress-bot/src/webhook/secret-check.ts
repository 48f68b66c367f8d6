import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Compares the webhook secret header in constant time. Both sides are hashed first so their lengths
 * match and the comparison leaks neither the secret nor its length.
 */
export function secretMatches(expected: string, received: string | undefined): boolean {
  if (received === undefined) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(expected), digest(received));
}
