import { type Database, ParameterRepository, type SecretBox, WebhookEndpointRepository } from "@topicdesk/db";
import { resolveParameters, type WebhookSubscription } from "@topicdesk/params";
import type { Kysely } from "kysely";

/**
 * Every receiver of a connection: the WEBHOOKS parameter's and those registered through the API.
 * A URL in both gets the union of their events (and is one receiver: one health record, one POST).
 */
export async function receiversOf(
  db: Kysely<Database>,
  secretBox: SecretBox,
  connectionId: string,
): Promise<WebhookSubscription[]> {
  const raw = await new ParameterRepository(db).listRaw(connectionId);
  const fromParameter = resolveParameters(raw).values.WEBHOOKS;
  const fromApi = await new WebhookEndpointRepository(db, secretBox).list(connectionId);
  const merged = new Map<string, Set<string>>();
  for (const { url, events } of [...fromParameter, ...fromApi]) {
    const known = merged.get(url) ?? new Set<string>();
    for (const event of events) known.add(event);
    merged.set(url, known);
  }
  return [...merged].map(([url, events]) => ({ url, events: [...events] }));
}

/** The receivers subscribed to one event name (`dialog_closed`, `/invoice`). */
export function subscribedTo(receivers: readonly WebhookSubscription[], eventType: string): string[] {
  return receivers.filter((receiver) => receiver.events.includes(eventType)).map((receiver) => receiver.url);
}
