import type { Dialog, LabelRow, QuickReplyRow, Repositories } from "@topicdesk/db";
import { commandsNeedingModules } from "../commands/command-table.ts";
import { labelOf, parseMark } from "../commands/mark-syntax.ts";
import type { DialogState, EventContext, ModuleFacts } from "../decide/event-context.ts";
import { tickersOf } from "../decide/label-tickers.ts";
import type { LabelDefinition, QuickReply } from "../decide/module-facts.ts";

/**
 * What `/say` and `/mark` read: the connection's quick replies and labels (short lists), the parts
 * of a replied-to album, and for a label being shown, retickered or deleted, its dialogs.
 */
export async function loadModuleFacts(
  context: EventContext,
  command: { name: string; args: string },
  repositories: Repositories,
  stateOf: (row: Dialog) => DialogState,
): Promise<ModuleFacts | undefined> {
  if (!commandsNeedingModules.has(command.name)) return undefined;
  const { connection, event } = context;
  const facts: ModuleFacts = {
    quickReplies: (await repositories.templateRepository.list(connection.id)).map(quickReplyOf),
    labels: (await repositories.labelRepository.list(connection.id)).map(labelDefinitionOf),
  };
  const albumId = event.message?.replyToMediaGroupId;
  if (command.name === "say" && albumId !== undefined) {
    facts.replyAlbum = { messageIds: await replyAlbumParts(context, albumId, repositories) };
  }
  const label = command.name === "mark" && !context.dialog ? labelOf(parseMark(command.args)) : undefined;
  if (label !== undefined) {
    const rows = await repositories.labelRepository.dialogsWith(connection.id, label);
    facts.labelDialogs = rows.map((row) => ({
      ...stateOf(row),
      tickers: tickersOf(row.labels, facts.labels),
    }));
  }
  return facts;
}

/**
 * The topic message ids of the album a `/say` reply points at, oldest first; empty when its parts
 * are no longer known (album parts are kept a day).
 */
async function replyAlbumParts(
  context: EventContext,
  albumId: string,
  repositories: Repositories,
): Promise<number[]> {
  const { connection } = context;
  // Operators' albums in clients' topics are recorded part by part, under the group.
  const written = await repositories.albumRepository.parts(connection.id, connection.backendChatId, albumId);
  if (written.length > 0) return written;
  return await clientAlbumCopies(context, repositories);
}

/**
 * A client's album reaches the topic as copies, which Telegram gives a media_group_id of their own
 * that nobody records. The message links lead back: the replied-to copy → its source in the
 * client's chat → that album's recorded parts → the copies of all of them in this topic.
 */
async function clientAlbumCopies(context: EventContext, repositories: Repositories): Promise<number[]> {
  const { connection, dialog } = context;
  const replyTo = context.event.message?.replyToMessageId;
  if (!dialog || replyTo === undefined) return [];
  const links = repositories.messageLinkRepository;
  const source = await links.findClientMessage(connection.backendChatId, replyTo);
  if (source?.direction !== "inbound" || source.dialogId !== dialog.id) return [];
  const album = await repositories.albumRepository.albumOf(
    connection.id,
    source.clientChatId,
    source.clientMessageId,
  );
  if (album === undefined) return [];
  const parts = await repositories.albumRepository.parts(connection.id, source.clientChatId, album);
  return await links.topicMessagesOf(dialog.id, parts);
}

/** The dialog with its label tickers, which its topic name shows after the status. */
export async function withTickers(
  dialog: DialogState,
  connectionId: string,
  repositories: Repositories,
): Promise<DialogState> {
  if (dialog.labels.length === 0) return dialog;
  const definitions = (await repositories.labelRepository.list(connectionId)).map(labelDefinitionOf);
  return { ...dialog, tickers: tickersOf(dialog.labels, definitions) };
}

function quickReplyOf(row: QuickReplyRow): QuickReply {
  return { name: row.name, chatId: row.chat_id, threadId: row.thread_id, messageIds: row.message_ids };
}

function labelDefinitionOf(row: LabelRow): LabelDefinition {
  return { name: row.name, ticker: row.ticker, removes: row.removes, sendsTemplate: row.sends_template };
}
