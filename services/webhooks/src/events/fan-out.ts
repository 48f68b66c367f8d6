import type { DomainEvent, WebhookJob } from "@topicdesk/contracts";
import type { Database, SecretBox } from "@topicdesk/db";
import type { Kysely } from "kysely";
import { receiverKey } from "../notices/team-notices.ts";
import { receiversOf, subscribedTo } from "../subscriptions/receivers-for.ts";
import { webhookEventOf } from "./webhook-event-of.ts";

export interface FanOutDeps {
  db: Kysely<Database>;
  secretBox: SecretBox;
  enqueue(job: WebhookJob): Promise<void>;
}

/**
 * Queues one delivery per receiver subscribed to the event. Job ids derive from the event and the
 * receiver, so an event JetStream redelivers (a crash before its ack) is queued once.
 */
export async function fanOutEvent(event: DomainEvent, deps: FanOutDeps): Promise<number> {
  const eventType = webhookEventOf(event);
  if (eventType === undefined) return 0;
  const urls = subscribedTo(await receiversOf(deps.db, deps.secretBox, event.connectionId), eventType);
  for (const url of urls) {
    await deps.enqueue({
      v: 1,
      id: webhookJobId(event.id, url),
      connectionId: event.connectionId,
      url,
      eventType,
      event,
    });
  }
  return urls.length;
}

/** BullMQ forbids ':' in custom job ids; event ids contain them (`main:123.evt0`). */
export function webhookJobId(eventId: string, url: string): string {
  return `wh.${eventId.replaceAll(":", ".")}.${receiverKey(url)}`;
}
