import Type from "typebox";
import { Compile } from "typebox/compile";

/**
 * The one shape every ingress (Bot API webhook or polling, MTProto session) turns Telegram's input
 * into. The router consumes nothing else, so a new ingress only has to produce this.
 *
 * Text and captions travel here because the router needs them (commands, comments, keyword filters,
 * edit mirroring); the stream that carries these events has a bounded age and nothing stores them.
 */

export const ChatType = Type.Union([
  Type.Literal("private"),
  Type.Literal("group"),
  Type.Literal("supergroup"),
  Type.Literal("channel"),
]);
export type ChatType = Type.Static<typeof ChatType>;

export const ChatRef = Type.Object({
  id: Type.Number(),
  type: ChatType,
  title: Type.Optional(Type.String()),
  username: Type.Optional(Type.String()),
  isForum: Type.Optional(Type.Boolean()),
});
export type ChatRef = Type.Static<typeof ChatRef>;

export const Person = Type.Object({
  id: Type.Number(),
  isBot: Type.Boolean(),
  firstName: Type.String(),
  lastName: Type.Optional(Type.String()),
  username: Type.Optional(Type.String()),
  languageCode: Type.Optional(Type.String()),
});
export type Person = Type.Static<typeof Person>;

/** Every kind of message content we relay; `other` is kept so nothing is dropped silently. */
export const ContentKinds = [
  "text",
  "photo",
  "video",
  "animation",
  "audio",
  "voice",
  "video_note",
  "document",
  "sticker",
  "location",
  "venue",
  "contact",
  "poll",
  "dice",
  "service",
  "other",
] as const;
export const ContentKind = Type.Enum(ContentKinds);
export type ContentKind = (typeof ContentKinds)[number];

export const MessageInfo = Type.Object({
  messageId: Type.Number(),
  /** Forum topic of a group message (Telegram's message_thread_id), when it is a topic message. */
  threadId: Type.Optional(Type.Number()),
  date: Type.Number(),
  content: ContentKind,
  /** Text of a text message or caption of a media message. */
  text: Type.Optional(Type.String()),
  mediaGroupId: Type.Optional(Type.String()),
  /** file_id of the document the message carries: a command in its caption may need the file. */
  documentFileId: Type.Optional(Type.String()),
  /** An explicit reply (not Telegram's implicit reply to a topic's first message). */
  replyToMessageId: Type.Optional(Type.Number()),
  /** Date (unix seconds) of the replied-to message: `/say` saves albums only up to a day old. */
  replyToDate: Type.Optional(Type.Number()),
  /** Album of the replied-to message, so `/say` saves the whole album, not one of its parts. */
  replyToMediaGroupId: Type.Optional(Type.String()),
  /** Set when an anonymous admin or a channel wrote in a group: we cannot tell who it was. */
  senderChatId: Type.Optional(Type.Number()),
  /** Phone number of a contact the client shared about themselves (so /info can show it). */
  sharedOwnPhone: Type.Optional(Type.String()),
  protectedContent: Type.Optional(Type.Boolean()),
  /**
   * Sent by the connected account or bot itself from elsewhere (the account's other devices, the
   * other system of a bot in parallel mode): shown in the topic as intercepted (INTERCEPT_EXTERNAL).
   * Only MTProto sessions see these; the Bot API never reports a bot's own messages.
   */
  outgoing: Type.Optional(Type.Boolean()),
});
export type MessageInfo = Type.Static<typeof MessageInfo>;

export const InboundEventKind = Type.Union([
  Type.Literal("message"),
  Type.Literal("edit"),
  Type.Literal("reaction"),
  Type.Literal("membership"),
]);
export type InboundEventKind = Type.Static<typeof InboundEventKind>;

export const InboundEvent = Type.Object({
  v: Type.Literal(1),
  /** `<connectionId>:<update id>`: also the JetStream message id, so redelivered updates are dropped. */
  id: Type.String({ minLength: 1 }),
  connectionId: Type.String({ minLength: 1 }),
  receivedAt: Type.Number(),
  kind: InboundEventKind,
  chat: ChatRef,
  from: Type.Optional(Person),
  message: Type.Optional(MessageInfo),
  reaction: Type.Optional(Type.Object({ messageId: Type.Number(), emojis: Type.Array(Type.String()) })),
  /** The connected bot's own membership in this chat changed (a client blocked or unblocked it). */
  membership: Type.Optional(
    Type.Object({ status: Type.Union([Type.Literal("active"), Type.Literal("blocked")]) }),
  ),
});
export type InboundEvent = Type.Static<typeof InboundEvent>;

export const inboundEventValidator = Compile(InboundEvent);
