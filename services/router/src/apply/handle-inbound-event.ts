import type { DomainEvent, InboundEvent } from "@topicdesk/contracts";
import { createRepositories, type Database, type OutboxRow } from "@topicdesk/db";
import type { DeliveryQueues } from "@topicdesk/queue";
import type { Logger } from "@topicdesk/telemetry";
import type { Kysely } from "kysely";
import { decide } from "../decide/decide.ts";
import { applyDecision } from "./apply-decision.ts";
import { loadContext, type OperatorRightsLookup } from "./load-context.ts";
import type { UserLookup } from "./telegram-user-lookup.ts";

export interface InboundHandlerDeps {
  db: Kysely<Database>;
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
  const committed = await deps.db.transaction().execute(async (trx) => {
    const repositories = createRepositories(trx);
    if (!(await repositories.eventLedger.markProcessed(event.id))) return { replay: true as const };
    const connection = await repositories.connectionRepository.get(event.connectionId);
    if (connection?.status !== "active") return { replay: false as const };
    await lockDialogOf(event, trx, connection.backend_chat_id);
    const context = await loadContext(event, connection, repositories, {
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
    await repositories.eventLedger.addOutbox(event.id, outbox);
    // Published before commit, with ids derived from the event: if the commit fails, the replay
    // publishes the same ids and JetStream drops the duplicates.
    for (const domainEvent of events) await deps.publish(domainEvent);
    return { replay: false as const };
  });
  if (committed.replay) deps.log.info({ eventId: event.id }, "event replayed; flushing its outbox");
  await flushOutbox(event.id, deps);
  return committed;
}

/** Moves an event's pending jobs from the outbox to their BullMQ queues. */
export async function flushOutbox(
  eventId: string | undefined,
  deps: Pick<InboundHandlerDeps, "db" | "queues">,
) {
  const ledger = createRepositories(deps.db).eventLedger;
  const pending = await ledger.pendingOutbox(eventId);
  for (const entry of pending) await deps.queues.enqueueByName(entry.queue, entry.job);
  await ledger.deleteOutbox(pending.map((entry) => entry.id));
}

/**
 * Client events and operator events of one dialog arrive on different partitions (they come from
 * different chats), so two routers may decide about one dialog at once. The row lock serialises them.
 */
async function lockDialogOf(
  event: InboundEvent,
  trx: Kysely<Database>,
  backendChatId: number,
): Promise<void> {
  const isBackend = event.chat.id === backendChatId;
  const threadId = event.message?.threadId;
  let query = trx.selectFrom("dialogs").select("id").forUpdate();
  if (isBackend) {
    if (threadId === undefined) return;
    query = query.where("backend_chat_id", "=", backendChatId).where("topic_id", "=", threadId);
  } else {
    query = query.where("connection_id", "=", event.connectionId).where("client_chat_id", "=", event.chat.id);
  }
  await query.execute();
}

export type { OutboxRow };
