import Type from "typebox";
import { Compile } from "typebox/compile";

/**
 * What delivery asks the owner of an MTProto session (an account, or a bot in parallel mode) to do,
 * over NATS request/reply on `td.mtproto.<connection>.call`. Only the session's current owner (the
 * holder of its lease) listens there, so a call reaches exactly one process or none.
 *
 * The operations are the ones delivery's handlers need, named after them; ids and chat ids are
 * Bot-API-style (marked: `-100…` for supergroups), as everywhere else in Topicdesk.
 */

const chatId = Type.Number();
const messageId = Type.Integer({ minimum: 1 });

export const CreateTopicCall = Type.Object({
  op: Type.Literal("topic.create"),
  chatId,
  name: Type.String({ minLength: 1, maxLength: 128 }),
  iconColor: Type.Optional(Type.Number()),
});

export const EditTopicCall = Type.Object({
  op: Type.Literal("topic.edit"),
  chatId,
  topicId: messageId,
  name: Type.String({ minLength: 1, maxLength: 128 }),
});

export const SetTopicOpenCall = Type.Object({
  op: Type.Literal("topic.set-open"),
  chatId,
  topicId: messageId,
  open: Type.Boolean(),
});

/**
 * Copies messages (any kind; several = one album) natively: the account (or bot) re-sends the same
 * media by reference, so nothing is downloaded and no author line is added.
 */
export const CopyMessagesCall = Type.Object({
  op: Type.Literal("messages.copy"),
  toChatId: chatId,
  fromChatId: chatId,
  messageIds: Type.Array(messageId, { minItems: 1, maxItems: 100 }),
  threadId: Type.Optional(messageId),
  replyTo: Type.Optional(messageId),
});

/** Forwards messages (several = one album), with the "Forwarded from" line: quick replies in `fwd` mode. */
export const ForwardMessagesCall = Type.Object({
  op: Type.Literal("messages.forward"),
  toChatId: chatId,
  fromChatId: chatId,
  messageIds: Type.Array(messageId, { minItems: 1, maxItems: 100 }),
  threadId: Type.Optional(messageId),
});

const parseMode = Type.Optional(Type.Union([Type.Literal("MarkdownV2"), Type.Literal("HTML")]));

/** An inline button that opens a URL (the Bot API's `{ text, url }`). */
const UrlButtonCall = Type.Object({
  text: Type.String({ minLength: 1, maxLength: 64 }),
  url: Type.String({ pattern: "^(https?|tg)://", maxLength: 2048 }),
});

/**
 * A text the system writes, with the Bot API's parse modes: the session turns the markup into
 * entities. Buttons go under the text where the session may send them (bots); an account cannot
 * send inline keyboards, so it appends them to the text as links.
 */
export const SendTextCall = Type.Object({
  op: Type.Literal("text.send"),
  chatId,
  text: Type.String({ minLength: 1, maxLength: 4096 }),
  threadId: Type.Optional(messageId),
  replyTo: Type.Optional(messageId),
  parseMode,
  buttons: Type.Optional(
    Type.Array(Type.Array(UrlButtonCall, { minItems: 1, maxItems: 8 }), { minItems: 1, maxItems: 20 }),
  ),
});

/**
 * Where a file's bytes are. NATS refuses messages over the server's `max_payload` (1 MiB by
 * default) and files go up to 50 MB, so bytes never travel in the call: the session's owner reads
 * them from the Redis blob store by key (the key the `file.send` job carries), or Telegram fetches a URL.
 */
export const CallFileSource = Type.Union([
  Type.Object({ kind: Type.Literal("url"), url: Type.String({ pattern: "^https?://", maxLength: 2048 }) }),
  Type.Object({
    kind: Type.Literal("blob"),
    key: Type.String({ pattern: "^[a-f0-9]{32}$" }),
    fileName: Type.String({ minLength: 1, maxLength: 255 }),
    contentType: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  }),
]);
export type CallFileSource = Type.Static<typeof CallFileSource>;

/** A file the system sends (export CSV, chart PNG, a topics-API file), as a photo or a document. */
export const SendFileCall = Type.Object({
  op: Type.Literal("file.send"),
  chatId,
  as: Type.Union([Type.Literal("photo"), Type.Literal("document")]),
  file: CallFileSource,
  caption: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
  parseMode,
  threadId: Type.Optional(messageId),
  replyTo: Type.Optional(messageId),
});

export const EditMessageCall = Type.Object({
  op: Type.Literal("message.edit"),
  chatId,
  messageId,
  text: Type.String(),
  isCaption: Type.Boolean(),
});

export const SetReactionCall = Type.Object({
  op: Type.Literal("reaction.set"),
  chatId,
  messageId,
  emojis: Type.Array(Type.String()),
});

/**
 * Read-only: a user's status and rights in a chat (the router's role check for a connection without
 * a Bot API token). Answered with `member`; someone who is not in the chat is `left`.
 */
export const GetChatMemberCall = Type.Object({
  op: Type.Literal("chat.member"),
  chatId,
  userId: Type.Integer({ minimum: 1 }),
});

/**
 * Read-only: who a user id or a username (without `@`) is, as the session can reach them (`/new`).
 * Answered with `user`; a user the session cannot resolve is a 400 ("chat not found" or
 * USERNAME_NOT_OCCUPIED).
 */
export const ResolveUserCall = Type.Object({
  op: Type.Literal("user.resolve"),
  user: Type.Union([Type.Integer({ minimum: 1 }), Type.String({ pattern: "^[A-Za-z][A-Za-z0-9_]{3,31}$" })]),
});

/** The operations that only read: no destination is paused for them, and nothing is sent. */
export type MtprotoLookupOperation =
  | Type.Static<typeof GetChatMemberCall>
  | Type.Static<typeof ResolveUserCall>;

export function isMtprotoLookup(operation: { op: string }): operation is MtprotoLookupOperation {
  return operation.op === "chat.member" || operation.op === "user.resolve";
}

export const MtprotoOperation = Type.Union([
  CreateTopicCall,
  EditTopicCall,
  SetTopicOpenCall,
  CopyMessagesCall,
  ForwardMessagesCall,
  SendTextCall,
  SendFileCall,
  EditMessageCall,
  SetReactionCall,
  GetChatMemberCall,
  ResolveUserCall,
]);
export type MtprotoOperation = Type.Static<typeof MtprotoOperation>;
export type MtprotoOperationOf<T extends MtprotoOperation["op"]> = Extract<MtprotoOperation, { op: T }>;

export const MtprotoCallRequest = Type.Object({
  v: Type.Literal(1),
  connectionId: Type.String({ minLength: 1 }),
  /**
   * Epoch milliseconds after which the caller has stopped waiting. The owner refuses a call that
   * arrives late instead of running it: the caller will retry, and running both would send twice.
   */
  deadline: Type.Number(),
  operation: MtprotoOperation,
});
export type MtprotoCallRequest = Type.Static<typeof MtprotoCallRequest>;

/**
 * A failure in the Bot API's terms (`error_code`, `description`, `retry_after`), so delivery keeps
 * one classification of Telegram errors for both transports. `FLOOD_WAIT_X` and `SLOWMODE_WAIT_X`
 * arrive as 429 with `retryAfterSeconds: X`.
 */
export const MtprotoCallError = Type.Object({
  code: Type.Integer(),
  description: Type.String(),
  retryAfterSeconds: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type MtprotoCallError = Type.Static<typeof MtprotoCallError>;

export const MtprotoCallResult = Type.Object({
  /** Ids of the sent messages, in the order of the request's messages. */
  messageIds: Type.Optional(Type.Array(Type.Number())),
  topicId: Type.Optional(Type.Number()),
  /** `chat.member`: the Bot API's ChatMember status, and the "Ban users" right (owners have it). */
  member: Type.Optional(
    Type.Object({
      status: Type.Union([
        Type.Literal("creator"),
        Type.Literal("administrator"),
        Type.Literal("member"),
        Type.Literal("restricted"),
        Type.Literal("left"),
        Type.Literal("kicked"),
      ]),
      canRestrictMembers: Type.Boolean(),
    }),
  ),
  /** `user.resolve`: the user as Telegram shows them to the session. */
  user: Type.Optional(
    Type.Object({
      id: Type.Number(),
      isBot: Type.Boolean(),
      firstName: Type.Union([Type.String(), Type.Null()]),
      lastName: Type.Union([Type.String(), Type.Null()]),
      username: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});
export type MtprotoCallResult = Type.Static<typeof MtprotoCallResult>;
export type MtprotoChatMember = NonNullable<MtprotoCallResult["member"]>;
export type MtprotoUser = NonNullable<MtprotoCallResult["user"]>;

export const MtprotoCallReply = Type.Union([
  Type.Object({ ok: Type.Literal(true), result: MtprotoCallResult }),
  Type.Object({ ok: Type.Literal(false), error: MtprotoCallError }),
]);
export type MtprotoCallReply = Type.Static<typeof MtprotoCallReply>;

export const mtprotoCallRequestValidator = Compile(MtprotoCallRequest);
export const mtprotoCallReplyValidator = Compile(MtprotoCallReply);

/**
 * Request/reply subject of one connection's session owner; `prefix` isolates an install or a test,
 * like the bus naming's stream prefix.
 */
export function mtprotoCallSubject(connectionId: string, prefix?: string): string {
  const subject = `td.mtproto.${connectionId}.call`;
  return prefix === undefined ? subject : `${prefix}.${subject}`;
}
