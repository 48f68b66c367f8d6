import { createHash } from "node:crypto";
import type { Update, WebhookInfo } from "@grammyjs/types";

type UpdateKind = Exclude<keyof Update, "update_id">;

/** The webhook a bot should have: where Telegram calls, for which updates, with which secret. */
export interface WantedWebhook {
  url: string;
  allowedUpdates: readonly UpdateKind[];
  secret: string | undefined;
}

/** The Bot API calls this needs (grammY's `Api` has them). */
export interface WebhookApi {
  getWebhookInfo(): Promise<WebhookInfo>;
  setWebhook(url: string, other: { allowed_updates: UpdateKind[]; secret_token?: string }): Promise<true>;
}

/** Where the digest of the last webhook set is kept (Postgres: it must survive a restart). */
export interface WebhookRecord {
  recorded(connectionId: string): string | undefined;
  record(connectionId: string, digest: string): Promise<void>;
}

/**
 * Points a bot's webhook at us unless it already is: setWebhook only when Telegram shows another
 * URL or other allowed updates (getWebhookInfo), or when what we last set (the recorded digest,
 * which covers the secret Telegram never shows) differs from what is wanted now. A restart of
 * ingress with 10,000 bots then costs 10,000 reads instead of 10,000 writes. Returns whether it set.
 */
export async function ensureWebhook(
  api: WebhookApi,
  connectionId: string,
  wanted: WantedWebhook,
  record: WebhookRecord,
): Promise<boolean> {
  const digest = webhookDigest(wanted);
  if (record.recorded(connectionId) === digest && telegramShows(await api.getWebhookInfo(), wanted))
    return false;
  await api.setWebhook(wanted.url, {
    allowed_updates: [...wanted.allowedUpdates],
    ...(wanted.secret ? { secret_token: wanted.secret } : {}),
  });
  await record.record(connectionId, digest);
  return true;
}

/** SHA-256 of the whole wanted webhook: the stored digest reveals nothing of the secret. */
export function webhookDigest(wanted: WantedWebhook): string {
  const canonical = JSON.stringify([wanted.url, [...wanted.allowedUpdates].sort(), wanted.secret ?? null]);
  return createHash("sha256").update(canonical).digest("hex");
}

function telegramShows(info: WebhookInfo, wanted: WantedWebhook): boolean {
  if (info.url !== wanted.url) return false;
  const shown = new Set<string>(info.allowed_updates ?? []);
  return (
    shown.size === new Set(wanted.allowedUpdates).size && wanted.allowedUpdates.every((u) => shown.has(u))
  );
}
