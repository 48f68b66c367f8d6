import { randomUUID } from "node:crypto";
import { type Bus, type BusNaming, publishInbound } from "@topicdesk/bus";
import type { InboundEvent, Person } from "@topicdesk/contracts";
import type { Connection, Database, Dialog } from "@topicdesk/db";
import type { Kysely } from "kysely";

export interface DialogCommandDeps {
  db: Kysely<Database>;
  bus: Bus;
  naming: BusNaming;
  partitions: number;
}

/**
 * Asks the router to run a backend-group command (`/close`, `/hold`, `/wait` …) in a dialog's topic,
 * exactly as if it had been typed there: the router's own decision applies (status, topic name,
 * native topic state, domain events, analytics), so the API has no second copy of that logic and
 * the change is ordered with the operators' messages of the same group (same partition).
 *
 * The command is sent in the name of the connection's administrator, who issued the API keys; the
 * router's role checks then see the administrator. Without an administrator it carries no sender.
 * Its message id is 0: a notice the router answers with is sent without a reply.
 */
export async function publishDialogCommand(
  deps: DialogCommandDeps,
  connection: Connection,
  dialog: Dialog & { topic_id: number },
  command: string,
): Promise<string> {
  const event: InboundEvent = {
    v: 1,
    id: `${connection.id}:api.${randomUUID()}`,
    connectionId: connection.id,
    receivedAt: Date.now(),
    kind: "message",
    chat: { id: connection.backend_chat_id, type: "supergroup", isForum: true },
    message: {
      messageId: 0,
      threadId: dialog.topic_id,
      date: Math.floor(Date.now() / 1000),
      content: "text",
      text: command,
    },
  };
  const from = await administratorOf(deps.db, connection);
  if (from) event.from = from;
  await publishInbound(deps.bus, deps.naming, event, deps.partitions);
  return event.id;
}

/** The administrator as an operator, with the name the group knows them by (so /info stays right). */
async function administratorOf(db: Kysely<Database>, connection: Connection): Promise<Person | undefined> {
  const adminId = connection.admin_user_id;
  if (adminId === null) return undefined;
  const known = await db
    .selectFrom("operators")
    .select(["first_name", "username"])
    .where("backend_chat_id", "=", connection.backend_chat_id)
    .where("user_id", "=", adminId)
    .executeTakeFirst();
  const person: Person = { id: adminId, isBot: false, firstName: known?.first_name ?? "Administrator" };
  if (known?.username) person.username = known.username;
  return person;
}

/** Waits until the router has processed the event (its ledger row exists); false on timeout. */
export async function waitUntilProcessed(
  db: Kysely<Database>,
  eventId: string,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await db
      .selectFrom("processed_events")
      .select("event_id")
      .where("event_id", "=", eventId)
      .executeTakeFirst();
    if (row) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
