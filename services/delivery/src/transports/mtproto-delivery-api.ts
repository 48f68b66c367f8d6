import type { Bus } from "@topicdesk/bus";
import type { MtprotoCallResult, MtprotoOperation } from "@topicdesk/contracts";
import { createMtprotoCaller } from "@topicdesk/telegram-transport";
import { GrammyError, type InputFile } from "grammy";
import { BlobInputFile } from "./blob-input-file.ts";
import type { DeliveryApi, SentMessage } from "./delivery-api.ts";

export interface MtprotoDeliveryApiOptions {
  nc: Pick<Bus["nc"], "request">;
  connectionId: string;
  /** The bus naming's prefix: the call subject is isolated like the streams. */
  subjectPrefix?: string | undefined;
  /** How long the session owner may start the call (its deadline). Default 10 s. */
  deadlineMs?: number;
  /**
   * How long we wait for the answer beyond the deadline: a call started just before its deadline
   * must be able to finish, or we would retry something that was sent. Default 20 s.
   */
  answerGraceMs?: number;
  now?: () => number;
}

/**
 * Delivery's Telegram calls for a connection with an MTProto session: each becomes a request to the
 * session's owner on `td.mtproto.<connection>.call` (`createMtprotoCaller`, contract:
 * `libs/contracts/src/mtproto-call.ts`). Refusals come back in the Bot API's terms and are thrown
 * as grammY's own `GrammyError`, so `callTelegram` waits out a FLOOD_WAIT (429 + retry_after)
 * exactly like a Bot API 429. An owner that cannot be reached (`MtprotoUnreachableError`) is a
 * transient failure: the job waits in place until a replica runs the session again.
 */
export function createMtprotoDeliveryApi(options: MtprotoDeliveryApiOptions): DeliveryApi {
  const call = callerOf(options);
  const sent = async (operation: MtprotoOperation, method: string): Promise<SentMessage[]> =>
    ((await call(operation, method)).messageIds ?? []).map((id) => ({ message_id: id }));
  const first = async (operation: MtprotoOperation, method: string): Promise<SentMessage> =>
    (await sent(operation, method))[0] ?? { message_id: 0 };
  return {
    sendMessage: (chat, text, other) =>
      first(
        {
          op: "text.send",
          chatId: chatIdOf(chat),
          text,
          ...optional("threadId", other?.message_thread_id),
          ...optional("replyTo", other?.reply_parameters?.message_id),
          ...optional("parseMode", parseModeOf(other?.parse_mode)),
          ...optional("buttons", urlButtonsOf(other?.reply_markup)),
        },
        "sendMessage",
      ),
    copyMessage: (to, from, messageId, other) =>
      first(copyOf(to, from, [messageId], other?.message_thread_id, other?.reply_parameters), "copyMessage"),
    copyMessages: (to, from, messageIds, other) =>
      sent(copyOf(to, from, messageIds, other?.message_thread_id, undefined), "copyMessages"),
    forwardMessage: (to, from, messageId, other) =>
      first(forwardOf(to, from, [messageId], other?.message_thread_id), "forwardMessage"),
    forwardMessages: (to, from, messageIds, other) =>
      sent(forwardOf(to, from, messageIds, other?.message_thread_id), "forwardMessages"),
    createForumTopic: async (chat, name, other) => {
      const result = await call(
        { op: "topic.create", chatId: chatIdOf(chat), name, ...optional("iconColor", other?.icon_color) },
        "createForumTopic",
      );
      return { message_thread_id: result.topicId ?? 0 };
    },
    editForumTopic: (chat, topicId, other) =>
      call({ op: "topic.edit", chatId: chatIdOf(chat), topicId, name: other?.name ?? "" }, "editForumTopic"),
    closeForumTopic: (chat, topicId) =>
      call({ op: "topic.set-open", chatId: chatIdOf(chat), topicId, open: false }, "closeForumTopic"),
    reopenForumTopic: (chat, topicId) =>
      call({ op: "topic.set-open", chatId: chatIdOf(chat), topicId, open: true }, "reopenForumTopic"),
    editMessageText: (chat, messageId, text) =>
      typeof text !== "string"
        ? Promise.reject(unsupported("editMessageText", "rich messages"))
        : call(
            { op: "message.edit", chatId: chatIdOf(chat), messageId, text, isCaption: false },
            "editMessageText",
          ),
    editMessageCaption: (chat, messageId, other) =>
      call(
        {
          op: "message.edit",
          chatId: chatIdOf(chat),
          messageId,
          text: other?.caption ?? "",
          isCaption: true,
        },
        "editMessageCaption",
      ),
    setMessageReaction: (chat, messageId, reaction) =>
      call(
        {
          op: "reaction.set",
          chatId: chatIdOf(chat),
          messageId,
          emojis: (reaction ?? []).flatMap((entry) => (entry.type === "emoji" ? [entry.emoji] : [])),
        },
        "setMessageReaction",
      ),
    sendPhoto: (chat, photo, other) => sendFile(first, "photo", chat, photo, other, "sendPhoto"),
    sendDocument: (chat, document, other) =>
      sendFile(first, "document", chat, document, other, "sendDocument"),
  };
}

interface FileOptions {
  message_thread_id?: number | undefined;
  caption?: string | undefined;
  parse_mode?: string | undefined;
  reply_parameters?: { message_id?: number | undefined } | undefined;
}

/**
 * A file goes by reference, never as bytes: a blob by its key (the owner reads it from Redis), a
 * URL for Telegram to fetch. A Bot API file_id means nothing to another session, and other
 * `InputFile`s (streams, paths) are not what delivery sends.
 */
function sendFile(
  first: (operation: MtprotoOperation, method: string) => Promise<SentMessage>,
  as: "photo" | "document",
  chat: number | string,
  file: InputFile | string,
  other: FileOptions | undefined,
  method: string,
): Promise<SentMessage> {
  let source: Extract<MtprotoOperation, { op: "file.send" }>["file"];
  if (file instanceof BlobInputFile) {
    source = { kind: "blob", key: file.blobKey, fileName: file.blobFileName, contentType: file.contentType };
  } else if (typeof file === "string" && /^https?:\/\//.test(file)) {
    source = { kind: "url", url: file };
  } else {
    return Promise.reject(unsupported(method, "a file other than a blob or a URL"));
  }
  return first(
    {
      op: "file.send",
      chatId: chatIdOf(chat),
      as,
      file: source,
      ...optional("caption", other?.caption),
      ...optional("parseMode", parseModeOf(other?.parse_mode)),
      ...optional("threadId", other?.message_thread_id),
      ...optional("replyTo", other?.reply_parameters?.message_id),
    },
    method,
  );
}

/** Inline URL buttons (the only keyboard delivery sends); anything else is not sent over MTProto. */
function urlButtonsOf(markup: unknown): Array<Array<{ text: string; url: string }>> | undefined {
  if (typeof markup !== "object" || markup === null || !("inline_keyboard" in markup)) return undefined;
  const rows = (markup as { inline_keyboard: Array<Array<{ text: string; url?: string }>> }).inline_keyboard;
  const buttons = rows
    .map((row) =>
      row.flatMap((button) => (button.url === undefined ? [] : [{ text: button.text, url: button.url }])),
    )
    .filter((row) => row.length > 0);
  return buttons.length > 0 ? buttons : undefined;
}

type Call = (operation: MtprotoOperation, method: string) => Promise<MtprotoCallResult>;

/** A call that returns the result, or throws the refusal as the Bot API's error of `method`. */
function callerOf(options: MtprotoDeliveryApiOptions): Call {
  const call = createMtprotoCaller({
    nc: options.nc,
    connectionId: options.connectionId,
    subjectPrefix: options.subjectPrefix,
    deadlineMs: options.deadlineMs ?? 10_000,
    answerGraceMs: options.answerGraceMs ?? 20_000,
    ...(options.now ? { now: options.now } : {}),
  });
  return async (operation, method) => {
    const reply = await call(operation);
    if (reply.ok) return reply.result;
    const { code, description, retryAfterSeconds } = reply.error;
    throw new GrammyError(
      `Call to '${method}' failed! (${code}: ${description})`,
      {
        ok: false,
        error_code: code,
        description,
        ...(retryAfterSeconds === undefined ? {} : { parameters: { retry_after: retryAfterSeconds } }),
      },
      method,
      {},
    );
  };
}

function copyOf(
  to: number | string,
  from: number | string,
  messageIds: number[],
  threadId: number | undefined,
  reply: { message_id?: number | undefined } | undefined,
): MtprotoOperation {
  return {
    op: "messages.copy",
    toChatId: chatIdOf(to),
    fromChatId: chatIdOf(from),
    messageIds,
    ...optional("threadId", threadId),
    ...optional("replyTo", reply?.message_id),
  };
}

function forwardOf(
  to: number | string,
  from: number | string,
  messageIds: number[],
  threadId: number | undefined,
): MtprotoOperation {
  return {
    op: "messages.forward",
    toChatId: chatIdOf(to),
    fromChatId: chatIdOf(from),
    messageIds,
    ...optional("threadId", threadId),
  };
}

/** Topicdesk addresses chats by numeric id everywhere; a username here would be a bug upstream. */
function chatIdOf(chat: number | string): number {
  const id = typeof chat === "number" ? chat : Number(chat);
  if (!Number.isSafeInteger(id)) throw new TypeError("MTProto calls need numeric chat ids");
  return id;
}

function parseModeOf(mode: string | undefined): "MarkdownV2" | "HTML" | undefined {
  return mode === "MarkdownV2" || mode === "HTML" ? mode : undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** What MTProto calls cannot carry, refused like the Bot API refuses a bad request. */
function unsupported(method: string, what: string): GrammyError {
  const description = `Bad Request: ${what} is not supported over MTProto yet`;
  return new GrammyError(
    `Call to '${method}' failed! (400: ${description})`,
    { ok: false, error_code: 400, description },
    method,
    {},
  );
}
