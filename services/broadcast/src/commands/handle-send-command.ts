import type { DomainEvent } from "@topicdesk/contracts";
import { type Broadcast, BroadcastRepository, type Database, EventLedger } from "@topicdesk/db";
import type { Kysely } from "kysely";
import type { DownloadDocument } from "../audience/download-document.ts";
import { parseRecipientsFile } from "../audience/recipients-file.ts";
import { resolveAudience } from "../audience/resolve-audience.ts";
import type { GroupAnswers } from "../group-answers.ts";
import { confirmedText, previewText, progressText, wrongStateText } from "./answers.ts";
import {
  describeAudience,
  type ManagementVerb,
  parseSendCommand,
  SEND_HELP,
  type SendCommand,
} from "./send-command.ts";

export interface CommandDeps {
  db: Kysely<Database>;
  answers: GroupAnswers;
  now: () => Date;
  /** Tells the runner there may be work now, instead of at its next poll. */
  wake: () => void;
  /** Reads the document `/send file` came with. */
  downloadDocument: DownloadDocument;
}

type Invocation = NonNullable<DomainEvent["command"]>;
type CreateCommand = Extract<SendCommand, { verb: "create" }>;

/**
 * Carries out one `/send` command the router authorized. A replayed event (same id) does nothing:
 * the ledger remembers it, and every answer's job id derives from the event id.
 */
export async function handleSendCommand(event: DomainEvent, deps: CommandDeps): Promise<void> {
  const invocation = event.command;
  if (invocation?.name !== "send") return;
  const ledgerKey = `broadcast:${event.id}`;
  if (await alreadyHandled(deps.db, ledgerKey)) return;
  await deps.answers.answer(event, await answerTo(event, invocation, deps));
  // Marked last: a crash before this replays the command, whose effects are idempotent (a draft is
  // found by its event id, a transition applies once) and whose answer has the same job id.
  await new EventLedger(deps.db).markProcessed(ledgerKey);
}

async function answerTo(event: DomainEvent, invocation: Invocation, deps: CommandDeps): Promise<string> {
  if (invocation.threadId !== undefined) {
    return "Broadcasts are set up in the General topic; in a dialog topic use /say to send a template.";
  }
  const parsed = parseSendCommand(invocation.args);
  if (!parsed.ok) return parsed.error;
  return await carryOut(parsed.command, event, invocation, deps);
}

async function alreadyHandled(db: Kysely<Database>, key: string): Promise<boolean> {
  const row = await db
    .selectFrom("processed_events")
    .select("event_id")
    .where("event_id", "=", key)
    .executeTakeFirst();
  return row !== undefined;
}

async function carryOut(
  command: SendCommand,
  event: DomainEvent,
  invocation: Invocation,
  deps: CommandDeps,
): Promise<string> {
  switch (command.verb) {
    case "help":
      return SEND_HELP;
    case "create":
      return await createDraft(command, event, invocation, deps);
    default:
      return await manage(command.verb, command.broadcastId, invocation.backendChatId, deps);
  }
}

async function createDraft(
  command: CreateCommand,
  event: DomainEvent,
  invocation: Invocation,
  deps: CommandDeps,
): Promise<string> {
  if (invocation.replyToMessageId === undefined) {
    return "Reply to the prepared message with /send … — that message is what the recipients get.";
  }
  const now = deps.now();
  if (command.at && command.at.getTime() <= now.getTime())
    return "That time has passed; pick a moment in the future.";
  const fromFile = await audienceFromFile(command, event.connectionId, invocation, deps);
  if (!fromFile.ok) return fromFile.error;
  const repository = new BroadcastRepository(deps.db);
  const targets = await resolveAudience(repository, fromFile.command, event.connectionId, invocation, now);
  if (!targets.ok) return targets.error;
  if (targets.targets.length === 0) return "No client matches these recipients; nothing was prepared.";
  const draft = await deps.db.transaction().execute((trx) =>
    new BroadcastRepository(trx).createDraft(
      {
        connection_id: event.connectionId,
        backend_chat_id: invocation.backendChatId,
        command_event_id: event.id,
        created_by: invocation.callerId,
        source_chat_id: invocation.backendChatId,
        source_message_id: invocation.replyToMessageId as number,
        audience: describeAudience(fromFile.command.audience, command.filters),
        status: "draft",
        scheduled_at: command.at ?? null,
        total: targets.targets.length,
      },
      targets.targets,
    ),
  );
  return previewText(draft);
}

/**
 * `/send file`: the recipients are the ids in the document the command is the caption of. Read
 * before anything is stored, so a bad file changes nothing; from here on it is a `list`.
 */
async function audienceFromFile(
  command: CreateCommand,
  connectionId: string,
  invocation: Invocation,
  deps: CommandDeps,
): Promise<{ ok: true; command: CreateCommand } | { ok: false; error: string }> {
  if (command.audience.kind !== "file") return { ok: true, command };
  if (invocation.documentFileId === undefined) {
    return {
      ok: false,
      error:
        "Attach the ids: send the .txt/.csv of user ids as a document with the caption /send file, as a reply to the prepared message.",
    };
  }
  const document = await deps.downloadDocument(connectionId, invocation.documentFileId);
  if (!document.ok) return document;
  const file = parseRecipientsFile(document.bytes);
  if (!file.ok) return file;
  return { ok: true, command: { ...command, audience: { kind: "list", ids: file.ids, fromFile: true } } };
}

/** Which states each verb moves a broadcast from, and to. */
const TRANSITIONS: Record<Exclude<ManagementVerb, "status">, { from: Broadcast["status"][] }> = {
  confirm: { from: ["draft"] },
  pause: { from: ["scheduled", "running"] },
  resume: { from: ["paused"] },
  cancel: { from: ["draft", "scheduled", "running", "paused"] },
};

async function manage(
  verb: ManagementVerb,
  id: number,
  backendChatId: number,
  deps: CommandDeps,
): Promise<string> {
  const repository = new BroadcastRepository(deps.db);
  const broadcast = await repository.find(id);
  if (!broadcast || broadcast.backend_chat_id !== backendChatId)
    return `There is no broadcast #${id} in this group.`;
  if (verb === "status") return progressText(broadcast, await repository.countByStatus(id));
  const now = deps.now();
  const target = targetState(verb, broadcast, now);
  const moved = await repository.transition(id, TRANSITIONS[verb].from, target, now);
  if (!moved) return wrongStateText(broadcast, verb);
  deps.wake();
  switch (verb) {
    case "confirm":
      return confirmedText(moved);
    case "pause":
      return `⏸ Broadcast #${id} paused. /send resume ${id} continues where it stopped.`;
    case "resume":
      return moved.status === "scheduled" ? confirmedText(moved) : `▶️ Broadcast #${id} resumed.`;
    case "cancel": {
      const skipped = await repository.skipPending(id, now);
      return broadcast.status === "draft"
        ? `Broadcast #${id} dropped; nothing was sent.`
        : `⏹ Broadcast #${id} cancelled; ${skipped} recipient${skipped === 1 ? "" : "s"} will not get it. The report follows.`;
    }
  }
}

function targetState(
  verb: Exclude<ManagementVerb, "status">,
  broadcast: Broadcast,
  now: Date,
): Broadcast["status"] {
  if (verb === "pause") return "paused";
  if (verb === "cancel") return "cancelled";
  const due = broadcast.scheduled_at === null || broadcast.scheduled_at.getTime() <= now.getTime();
  return due ? "running" : "scheduled";
}
