import {
  type DbExecutor,
  type SecretBox,
  WebhookEndpointExistsError,
  WebhookEndpointRepository,
  type WebhookEndpointView,
} from "@topicdesk/db";
import { parseWebhookSubscription } from "@topicdesk/params";
import type { ConnectionChanges } from "./connection-changes.ts";

/** Why a receiver was not written: a URL or event the WEBHOOKS rules refuse, or a URL taken. */
export type WebhookEndpointRefusal =
  | { ok: false; reason: "invalid"; error: string }
  | { ok: false; reason: "exists"; error: string };

export type WebhookEndpointCreation =
  | { ok: true; endpoint: WebhookEndpointView; secret: string }
  | WebhookEndpointRefusal;

export type WebhookEndpointEventsChange =
  | { ok: true; endpoint: WebhookEndpointView | undefined }
  | Extract<WebhookEndpointRefusal, { reason: "invalid" }>;

/**
 * Receivers registered one by one (HTTP API, CLI), for every entry point: checked by the same rules
 * as the WEBHOOKS parameter, written, then the routers are told (`parameters` hint), because a
 * `/command` a receiver subscribes to makes the router publish that command from the next event.
 * A refused write changes nothing and announces nothing.
 */
export async function addWebhookEndpoint(
  db: DbExecutor,
  box: SecretBox,
  changes: ConnectionChanges,
  input: { connectionId: string; url: string; events: readonly string[] },
): Promise<WebhookEndpointCreation> {
  const subscription = parseWebhookSubscription(input.url, input.events);
  if (!subscription.ok) return { ok: false, reason: "invalid", error: subscription.error };
  try {
    const created = await new WebhookEndpointRepository(db, box).create({
      connectionId: input.connectionId,
      url: subscription.value.url,
      events: subscription.value.events,
    });
    await changes.announce(input.connectionId, "parameters");
    return { ok: true, ...created };
  } catch (error) {
    if (!(error instanceof WebhookEndpointExistsError)) throw error;
    return { ok: false, reason: "exists", error: `${input.connectionId} already has a receiver at that URL` };
  }
}

/** Replaces a receiver's events; `endpoint` is undefined when the connection has no such receiver. */
export async function setWebhookEndpointEvents(
  db: DbExecutor,
  box: SecretBox,
  changes: ConnectionChanges,
  change: { connectionId: string; id: number; events: readonly string[] },
): Promise<WebhookEndpointEventsChange> {
  const repository = new WebhookEndpointRepository(db, box);
  const current = await repository.get(change.connectionId, change.id);
  if (!current) return { ok: true, endpoint: undefined };
  // The URL is already stored and valid; it is passed only so the events get the same checks.
  const subscription = parseWebhookSubscription(current.url, change.events);
  if (!subscription.ok) return { ok: false, reason: "invalid", error: subscription.error };
  const endpoint = await repository.setEvents(change.connectionId, change.id, subscription.value.events);
  if (endpoint) await changes.announce(change.connectionId, "parameters");
  return { ok: true, endpoint };
}

/** Removes a receiver of the connection; false when there was none. */
export async function removeWebhookEndpoint(
  db: DbExecutor,
  box: SecretBox,
  changes: ConnectionChanges,
  connectionId: string,
  id: number,
): Promise<boolean> {
  const removed = await new WebhookEndpointRepository(db, box).remove(connectionId, id);
  if (removed) await changes.announce(connectionId, "parameters");
  return removed;
}
