import type { InboundEvent } from "@topicdesk/contracts";
import type { Connection, Dialog, Repositories } from "@topicdesk/db";
import type { ConnectionFacts } from "../cache/connection-facts-cache.ts";
import { parseCommand } from "../commands/command-table.ts";
import { sideOf } from "../decide/decide.ts";
import type { DialogState, EventContext } from "../decide/event-context.ts";
import type { Caller } from "../roles/caller-role.ts";
import { roleOf } from "../roles/caller-role.ts";
import type { MemberLookup } from "../roles/member-lookup.ts";
import { loadModuleFacts, withTickers } from "./load-module-facts.ts";
import { loadNewDialogFacts } from "./load-new-dialog-facts.ts";
import type { UserLookup } from "./telegram-user-lookup.ts";

/** Looks up a user's status and rights in the backend group (a read-only Telegram call, cached). */
export type OperatorRightsLookup = MemberLookup;

export interface LoadOptions {
  now: Date;
  pseudonymKey: string;
  rightsLookup: OperatorRightsLookup;
  /** Where a failed rights lookup is reported (the command is then refused, not retried). */
  onLookupError?: (error: unknown) => void;
  /** `/new USER_ID` asks Telegram whether the bot can write to the user (read-only getChat). */
  userLookup?: UserLookup;
}

/**
 * Reads everything the pure decision needs for one event, inside the event's transaction. The
 * connection and its parameters come in from the router's cache; the dialog row is read and locked
 * here in one statement. The lock matters: a client's and the operators' events of one dialog
 * arrive on different partitions (they come from different chats), so two routers may decide about
 * one dialog at once, and the lock serialises them (docs/decisions.md §2).
 */
export async function loadContext(
  event: InboundEvent,
  facts: ConnectionFacts,
  repositories: Repositories,
  options: LoadOptions,
): Promise<EventContext> {
  const { connection } = facts;
  const connectionState = {
    id: connection.id,
    backendChatId: connection.backend_chat_id,
    adminUserId: connection.admin_user_id,
    botUserId: connection.bot_user_id,
  };
  const side = sideOf({ event, connection: connectionState });
  const dialogRow = await lockDialog(event, side, connection, repositories);
  const context: EventContext = {
    event,
    connection: connectionState,
    dialog: dialogRow ? await withTickers(dialogStateOf(dialogRow), connection.id, repositories) : undefined,
    params: facts.params,
    now: options.now,
    pseudonymKey: options.pseudonymKey,
  };
  if (side === "backend") await loadOperatorFacts(context, repositories, options);
  else if (event.message?.outgoing && dialogRow) {
    const copyInTopic = await repositories.messageLinkRepository.findTopicMessage(
      dialogRow.id,
      event.message.messageId,
    );
    context.ownOutgoing = copyInTopic !== undefined;
  }
  return context;
}

async function lockDialog(
  event: InboundEvent,
  side: "client" | "backend",
  connection: Connection,
  repositories: Repositories,
): Promise<Dialog | undefined> {
  const lock = { forUpdate: true };
  if (side === "client")
    return repositories.dialogRepository.findByClientChat(connection.id, event.chat.id, lock);
  const threadId = event.message?.threadId;
  if (threadId === undefined) return undefined;
  const dialog = await repositories.dialogRepository.findByTopic(connection.backend_chat_id, threadId, lock);
  // Several connections may share one backend group: a topic belongs to exactly one of them.
  return dialog?.connection_id === connection.id ? dialog : undefined;
}

async function loadOperatorFacts(context: EventContext, repositories: Repositories, options: LoadOptions) {
  const { event, connection } = context;
  const from = event.from;
  if (from && !from.isBot) await repositories.operatorRepository.touch(connection.backendChatId, from);
  const replyTo = event.message?.replyToMessageId;
  if (replyTo !== undefined) {
    const target = await repositories.messageLinkRepository.findClientMessage(
      connection.backendChatId,
      replyTo,
    );
    if (target) context.replyTarget = { direction: target.direction };
  }
  const command = parseCommand(event.message?.text ?? "");
  if (!command || !from) return;
  context.caller = await callerOf(context, from.id, options);
  if (context.caller.member) {
    context.operatorRights = {
      canRestrictMembers: context.caller.member.canRestrictMembers,
      isAdmin: context.caller.member.status === "creator" || context.caller.member.status === "administrator",
    };
  }
  context.modules = await loadModuleFacts(context, command, repositories, dialogStateOf);
  if (command.name === "new") {
    context.newDialog = await loadNewDialogFacts(context, command.args, repositories, options.userLookup);
  }
}

/**
 * Every command checks its caller's role, so every command asks Telegram (cached). When Telegram
 * cannot be asked, the command is refused with a "try again" rather than retried: retrying in place
 * would hold up every dialog of the partition behind one operator's command.
 */
async function callerOf(context: EventContext, userId: number, options: LoadOptions): Promise<Caller> {
  const { connection, params } = context;
  try {
    const member = await options.rightsLookup(connection.id, connection.backendChatId, userId);
    return { userId, member, role: roleOf({ userId, member, connection, params }) };
  } catch (error) {
    options.onLookupError?.(error);
    return { userId, role: undefined, member: undefined, lookupFailed: true };
  }
}

/** A dialog row as the decisions see it. */
export function dialogStateOf(row: Dialog): DialogState {
  return {
    id: row.id,
    clientChatId: row.client_chat_id,
    chatType: row.chat_type,
    status: row.status,
    topicId: row.topic_id,
    blocked: row.blocked,
    banned: row.banned,
    firstName: row.first_name,
    lastName: row.last_name,
    username: row.username,
    languageCode: row.language_code,
    title: row.title,
    phone: row.phone,
    startParam: row.start_param,
    createdAt: row.created_at,
    labels: row.labels,
  };
}
