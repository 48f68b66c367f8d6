import type { DomainEvent } from "@topicdesk/contracts";
import {
  ConnectionRepository,
  type Database,
  type Dialog,
  DialogRepository,
  MessageLinkRepository,
  ParameterRepository,
  type SecretBox,
  WebhookKeyRepository,
} from "@topicdesk/db";
import { resolveParameters } from "@topicdesk/params";
import type { Kysely } from "kysely";
import type { DialogFacts, MessageFacts, PayloadFacts } from "./payload-facts.ts";

/** The dialog's topic does not exist yet (its creation is still queued): try again a little later. */
export class TopicNotReadyError extends Error {
  override readonly name = "TopicNotReadyError";
}

/** The connection was removed after the event: nobody is left to tell. */
export class ConnectionGoneError extends Error {
  override readonly name = "ConnectionGoneError";
}

export interface LoadOptions {
  /** Throw TopicNotReadyError instead of sending a topic-less body (until the wait is over). */
  requireTopic: boolean;
}

export async function loadPayloadFacts(
  db: Kysely<Database>,
  secretBox: SecretBox,
  eventType: string,
  event: DomainEvent,
  options: LoadOptions,
): Promise<PayloadFacts> {
  const connection = await new ConnectionRepository(db).get(event.connectionId);
  if (!connection) throw new ConnectionGoneError(`connection ${event.connectionId} no longer exists`);
  const { apiKey } = await new WebhookKeyRepository(db, secretBox).ensure(connection.id);
  const row = await dialogOf(db, event, connection.backend_chat_id);
  const facts: PayloadFacts = {
    connectionId: connection.id,
    frontendUserId: connection.bot_user_id,
    backendChatId: connection.backend_chat_id,
    apiKey,
  };
  if (!row) return facts;
  if (row.topic_id === null && options.requireTopic && !eventType.startsWith("/")) {
    throw new TopicNotReadyError(`dialog ${row.id} has no topic yet`);
  }
  facts.dialog = await dialogFacts(db, row);
  if (eventType.startsWith("message_")) facts.messages = await messageFacts(db, eventType, event, row);
  return facts;
}

async function dialogOf(
  db: Kysely<Database>,
  event: DomainEvent,
  backendChatId: number,
): Promise<Dialog | undefined> {
  const dialogs = new DialogRepository(db);
  if (event.dialogId !== undefined) return dialogs.getById(event.dialogId);
  const threadId = event.command?.threadId;
  if (threadId === undefined) return undefined;
  return dialogs.findByTopic(event.command?.backendChatId ?? backendChatId, threadId);
}

async function dialogFacts(db: Kysely<Database>, dialog: Dialog): Promise<DialogFacts> {
  const raw = await new ParameterRepository(db).listRaw(dialog.connection_id);
  const hideInfo = resolveParameters(raw).values.HIDE_INFO;
  const identityOption = dialog.chat_type === "private" ? "name" : "title";
  return {
    id: dialog.id,
    clientChatId: dialog.client_chat_id,
    chatType: dialog.chat_type,
    topicId: dialog.topic_id,
    topicName: dialog.topic_name,
    status: dialog.status,
    identityHidden: hideInfo.includes(identityOption),
  };
}

/**
 * An operator's message (`message_sent`) is known by its id in the topic, a client's by its id in
 * their chat; the other side's id comes from the message links delivery recorded.
 */
async function messageFacts(
  db: Kysely<Database>,
  eventType: string,
  event: DomainEvent,
  dialog: Dialog,
): Promise<MessageFacts> {
  const links = new MessageLinkRepository(db);
  const ids = event.messageIds ?? [];
  if (eventType === "message_sent") {
    const copies = await Promise.all(
      ids.map(async (id) => (await links.findClientMessage(dialog.backend_chat_id, id))?.clientMessageId),
    );
    return { backendMessageIds: ids, frontendMessageIds: present(copies) };
  }
  const copies = await Promise.all(ids.map((id) => links.findTopicMessage(dialog.id, id)));
  return { backendMessageIds: present(copies), frontendMessageIds: ids };
}

function present(values: ReadonlyArray<number | undefined>): number[] {
  return values.filter((value): value is number => value !== undefined);
}
