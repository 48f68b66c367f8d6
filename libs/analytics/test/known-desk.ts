import type { Database, DialogEventKind } from "@topicdesk/db";
import type { Kysely } from "kysely";

/**
 * A small support desk with a known history in the week 2025-03-03 (Mon) … 2025-03-09 (Sun), UTC.
 * The expected figures in the tests are worked out by hand from this story:
 *
 * - Ann (A): opens Mon 10:00, writes again 10:05; Olivia answers 10:10, Bob 10:20; Olivia closes
 *   11:00. Ann reopens Wed 14:00; Bob answers 14:30 and closes 16:00.
 * - Ben (B): opens Tue 09:00; Olivia answers 09:02; Ben writes 09:30. Still open.
 * - Acme team (C, a group): opens Sat 23:30, writes 23:45. Nobody answered.
 * - Dan (D): opened before the week (Sat 03-01 08:00); operator 13 (never seen in the group) answers
 *   Mon 12:00; auto-closed Mon 13:00.
 * - Eve (E): opens Sun 20:00; Olivia answers the next Monday 08:00, after the week.
 * - Another connection's dialog (X) in the same week must never count.
 */
export const CONNECTION_ID = "main";
export const OTHER_CONNECTION_ID = "other";
export const BACKEND_CHAT_ID = -1_001_111_222_333;
export const OLIVIA = 11;
export const BOB = 12;
export const STRANGER = 13;

type EventSpec = [at: string, kind: DialogEventKind, operatorId?: number];

interface DialogSpec {
  connectionId?: string;
  clientChatId: number;
  chatType: "private" | "group";
  firstName?: string;
  lastName?: string;
  username?: string;
  title?: string;
  language?: string;
  status: "user_answered" | "support_answered" | "closed";
  labels: string[];
  events: EventSpec[];
}

export const DIALOGS: Record<"A" | "B" | "C" | "D" | "E" | "X", DialogSpec> = {
  A: {
    clientChatId: 501,
    chatType: "private",
    firstName: "Ann",
    lastName: "Lee",
    username: "ann_lee",
    language: "en",
    status: "closed",
    labels: ["vip"],
    events: [
      ["2025-03-03T10:00:00Z", "opened"],
      ["2025-03-03T10:00:00Z", "client_message"],
      ["2025-03-03T10:05:00Z", "client_message"],
      ["2025-03-03T10:10:00Z", "operator_message", OLIVIA],
      ["2025-03-03T10:20:00Z", "operator_message", BOB],
      ["2025-03-03T11:00:00Z", "closed", OLIVIA],
      ["2025-03-05T14:00:00Z", "reopened"],
      ["2025-03-05T14:00:00Z", "client_message"],
      ["2025-03-05T14:30:00Z", "operator_message", BOB],
      ["2025-03-05T16:00:00Z", "closed", BOB],
    ],
  },
  B: {
    clientChatId: 502,
    chatType: "private",
    firstName: 'Ben, "the" builder',
    username: "ben",
    language: "de",
    status: "support_answered",
    labels: ["vip", "new"],
    events: [
      ["2025-03-04T09:00:00Z", "opened"],
      ["2025-03-04T09:00:00Z", "client_message"],
      ["2025-03-04T09:02:00Z", "operator_message", OLIVIA],
      ["2025-03-04T09:30:00Z", "client_message"],
    ],
  },
  C: {
    clientChatId: -100_777,
    chatType: "group",
    title: "Acme team",
    status: "user_answered",
    labels: [],
    events: [
      ["2025-03-08T23:30:00Z", "opened"],
      ["2025-03-08T23:30:00Z", "client_message"],
      ["2025-03-08T23:45:00Z", "client_message"],
    ],
  },
  D: {
    clientChatId: 504,
    chatType: "private",
    firstName: "Dan",
    status: "closed",
    labels: [],
    events: [
      ["2025-03-01T08:00:00Z", "opened"],
      ["2025-03-01T08:00:00Z", "client_message"],
      ["2025-03-03T12:00:00Z", "operator_message", STRANGER],
      ["2025-03-03T13:00:00Z", "closed"],
    ],
  },
  E: {
    clientChatId: 505,
    chatType: "private",
    firstName: "Eve",
    username: "eve",
    language: "fr",
    status: "support_answered",
    labels: ["new"],
    events: [
      ["2025-03-09T20:00:00Z", "opened"],
      ["2025-03-09T20:00:00Z", "client_message"],
      ["2025-03-10T08:00:00Z", "operator_message", OLIVIA],
    ],
  },
  X: {
    connectionId: OTHER_CONNECTION_ID,
    clientChatId: 509,
    chatType: "private",
    firstName: "Xavier",
    status: "support_answered",
    labels: ["vip"],
    events: [
      ["2025-03-04T09:00:00Z", "opened"],
      ["2025-03-04T09:00:00Z", "client_message"],
      ["2025-03-04T09:01:00Z", "operator_message", OLIVIA],
      ["2025-03-04T09:05:00Z", "closed", OLIVIA],
    ],
  },
};

/** Inserts the desk; returns the dialog ids by letter. */
export async function seedKnownDesk(db: Kysely<Database>): Promise<Record<keyof typeof DIALOGS, number>> {
  for (const id of [CONNECTION_ID, OTHER_CONNECTION_ID]) {
    await db
      .insertInto("connections")
      .values({ id, kind: "bot", title: id, backend_chat_id: BACKEND_CHAT_ID, bot_user_id: null })
      .execute();
  }
  await db
    .insertInto("operators")
    .values([
      { backend_chat_id: BACKEND_CHAT_ID, user_id: OLIVIA, first_name: "Olivia", username: "olivia" },
      { backend_chat_id: BACKEND_CHAT_ID, user_id: BOB, first_name: "Bob", username: null },
    ])
    .execute();
  const ids = {} as Record<keyof typeof DIALOGS, number>;
  for (const [letter, spec] of Object.entries(DIALOGS) as [keyof typeof DIALOGS, DialogSpec][]) {
    ids[letter] = await insertDialog(db, spec);
  }
  return ids;
}

async function insertDialog(db: Kysely<Database>, spec: DialogSpec): Promise<number> {
  const at = (kind: DialogEventKind) =>
    spec.events.filter((event) => event[1] === kind).map((event) => event[0]);
  const dialog = await db
    .insertInto("dialogs")
    .values({
      connection_id: spec.connectionId ?? CONNECTION_ID,
      client_chat_id: spec.clientChatId,
      chat_type: spec.chatType,
      backend_chat_id: BACKEND_CHAT_ID,
      topic_id: null,
      status: spec.status,
      first_name: spec.firstName ?? null,
      last_name: spec.lastName ?? null,
      username: spec.username ?? null,
      language_code: spec.language ?? null,
      title: spec.title ?? null,
      labels: spec.labels,
      created_at: at("opened")[0] ?? "",
      last_client_message_at: at("client_message").at(-1) ?? null,
      last_operator_message_at: at("operator_message").at(-1) ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("dialog_events")
    .values(
      spec.events.map(([eventAt, kind, operatorId]) => ({
        dialog_id: dialog.id,
        connection_id: spec.connectionId ?? CONNECTION_ID,
        kind,
        operator_id: operatorId ?? null,
        at: new Date(eventAt),
      })),
    )
    .execute();
  return dialog.id;
}

/** The week of the story, as `/stats 2025-03-03..2025-03-09` reads it. */
export const WEEK = {
  from: new Date("2025-03-03T00:00:00Z"),
  to: new Date("2025-03-10T00:00:00Z"),
  label: "2025-03-03 – 2025-03-09",
};
