import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * `Topicdesk-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. The timestamp is
 * signed with the body, so a receiver that rejects old timestamps also rejects replayed requests.
 */
export const SIGNATURE_HEADER = "topicdesk-signature";

export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${hmac(secret, unixSeconds, body)}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * What a receiver does with the header (Topicdesk's tests do exactly this): recompute the HMAC
 * over the raw body, compare in constant time, and refuse a timestamp outside the tolerance.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  rawBody: string,
  options: { toleranceSeconds?: number; nowSeconds?: number } = {},
): SignatureCheck {
  const parts = new Map(
    (header ?? "").split(",").map((part) => {
      const [key = "", ...rest] = part.trim().split("=");
      return [key, rest.join("=")] as const;
    }),
  );
  const timestamp = Number(parts.get("t"));
  const given = parts.get("v1");
  if (!Number.isInteger(timestamp) || !given) return { ok: false, reason: "malformed signature header" };
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) {
    return { ok: false, reason: "timestamp outside the tolerance" };
  }
  const expected = Buffer.from(hmac(secret, timestamp, rawBody), "hex");
  const actual = Buffer.from(given, "hex");
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    return { ok: false, reason: "signature does not match" };
  }
  return { ok: true };
}

function hmac(secret: string, unixSeconds: number, body: string): string {
  return createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
}
