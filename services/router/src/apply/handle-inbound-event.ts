import type { DomainEvent, InboundEvent } from "@topicdesk/contracts";
import { createRepositories, type Database, type OutboxEntry, type OutboxRow } from "@topicdesk/db";
import type { DeliveryQueues } from "@topicdesk/queue";
import type { Logger } from "@topicdesk/telemetry";
import type { Kysely } from "kysely";
import type { ConnectionFactsSource } from "../cache/connection-facts-cache.ts";
import { decide } from "../decide/decide.ts";
import { applyDecision } from "./apply-decision.ts";
import { loadContext, type OperatorRightsLookup } from "./load-context.ts";
import type { UserLookup } from "./telegram-user-lookup.ts";

export interface InboundHandlerDeps {
  db: Kysely<Database>;
  /** The connection row and parameters, cached (`src/cache/`): they change far less often than events come. */
  connectionFacts: ConnectionFactsSource;
  queues: DeliveryQueues;
  publish: (event: DomainEvent) => Promise<void>;
  rightsLookup: OperatorRightsLookup;
  /** For `/new USER_ID` on bot connections; without it such a command answers "try again". */
  userLookup?: UserLookup;
  pseudonymKey: string;
  now: () => Date;
  log: Logger;
}

/**
 * Handles one inbound event exactly once in effect. In one transaction: mark the event processed,
 * decide, write the state and the delivery jobs (outbox). Then move the jobs to BullMQ (their ids
 * are derived from the event, so moving them twice is harmless) and delete them from the outbox.
 * A replayed event (crash after commit) only moves what is left in its outbox.
 */
export async function handleInboundEvent(
  event: InboundEvent,
  traceparent: string | undefined,
  deps: InboundHandlerDeps,
): Promise<{ replay: boolean }> {
  // Before the transaction: a cache miss reads through the pool, and a transaction waiting for a
  // second pool connection could starve the pool when every partition does the same.
  const facts = await deps.connectionFacts.get(event.connectionId);
  const committed = await deps.db.transaction().execute(async (trx) => {
    const repositories = createRepositories(trx);
    if (!(await repositories.eventLedger.markProcessed(event.id))) return { replay: true as const };
    if (facts?.connection.status !== "active") return { replay: false as const, outbox: [] };
    const { connection } = facts;
    const context = await loadContext(event, facts, repositories, {
      now: deps.now(),
      pseudonymKey: deps.pseudonymKey,
      rightsLookup: deps.rightsLookup,
      ...(deps.userLookup ? { userLookup: deps.userLookup } : {}),
      onLookupError: (error) =>
        deps.log.warn({ err: error, eventId: event.id }, "rights lookup failed; command refused"),
    });
    const decision = decide(context);
    if (decision.ignored) deps.log.debug({ eventId: event.id, reason: decision.ignored }, "event ignored");
    const cause = { id: event.id, connectionId: event.connectionId, chatId: event.chat.id, traceparent };
    const { outbox, events } = await applyDecision(decision, context, connection, repositories, cause);
    const written = await repositories.eventLedger.addOutbox(event.id, outbox);
    // Published before commit, with ids derived from the event: if the commit fails, the replay
    // publishes the same ids and JetStream drops the duplicates.
    for (const domainEvent of events) await deps.publish(domainEvent);
    return { replay: false as const, outbox: written };
  });
  if (committed.replay) {
    deps.log.info({ eventId: event.id }, "event replayed; flushing its outbox");
    await flushOutbox(event.id, deps);
  } else {
    // The rows this transaction wrote are the event's whole outbox: no need to read them back.
    await moveToQueues(committed.outbox, deps);
  }
  return { replay: committed.replay };
}

/** Moves an event's pending jobs from the outbox to their BullMQ queues. */
export async function flushOutbox(
  eventId: string | undefined,
  deps: Pick<InboundHandlerDeps, "db" | "queues">,
) {
  await moveToQueues(await createRepositories(deps.db).eventLedger.pendingOutbox(eventId), deps);
}

async function moveToQueues(
  entries: readonly OutboxEntry[],
  deps: Pick<InboundHandlerDeps, "db" | "queues">,
): Promise<void> {
  if (entries.length === 0) return;
  for (const entry of entries) await deps.queues.enqueueByName(entry.queue, entry.job);
  await createRepositories(deps.db).eventLedger.deleteOutbox(entries.map((entry) => entry.id));
}

export type { OutboxRow };
