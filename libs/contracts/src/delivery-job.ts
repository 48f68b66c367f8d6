import Type from "typebox";
import { Compile } from "typebox/compile";
import { fileSendFields } from "./file-send-job.ts";
import { templateSendFields } from "./template-send-job.ts";

/**
 * What the router asks the delivery service to do. Jobs carry ids and small metadata; where a text
 * must travel (a welcome, a notice, an edit) it lives only as long as the job.
 *
 * Jobs that act in a dialog's topic name the dialog, not the topic: the topic may not exist yet when
 * the router decides (its creation is an earlier job in the same FIFO queue), so delivery reads the
 * topic id when it runs the job.
 */

const base = {
  v: Type.Literal(1),
  /** Idempotency key: the BullMQ job id, derived from the inbound event id and the action's index. */
  id: Type.String({ minLength: 1 }),
  connectionId: Type.String({ minLength: 1 }),
  /** Id of the inbound event that caused the job, for traces and for "what was not delivered". */
  causeEventId: Type.Optional(Type.String()),
  /** W3C trace context of the inbound event, so one trace follows a message to Telegram. */
  traceparent: Type.Optional(Type.String()),
};
const dialogId = Type.Number();

export const CreateTopicJob = Type.Object({
  ...base,
  type: Type.Literal("topic.create"),
  dialogId,
  name: Type.String({ minLength: 1, maxLength: 128 }),
  iconColor: Type.Optional(Type.Number()),
});

export const RenameTopicJob = Type.Object({
  ...base,
  type: Type.Literal("topic.rename"),
  dialogId,
  name: Type.String({ minLength: 1, maxLength: 128 }),
});

export const SetTopicOpenJob = Type.Object({
  ...base,
  type: Type.Literal("topic.set-open"),
  dialogId,
  open: Type.Boolean(),
});

/** Copy client messages (one, or one album) into the dialog's topic and record the links. */
export const CopyToTopicJob = Type.Object({
  ...base,
  type: Type.Literal("copy.to-topic"),
  dialogId,
  fromChatId: Type.Number(),
  messageIds: Type.Array(Type.Number(), { minItems: 1 }),
  /** An album: wait for its other parts (collected by the router) before copying them together. */
  mediaGroupId: Type.Optional(Type.String()),
  replyToClientMessageId: Type.Optional(Type.Number()),
  /** Tell the client when their message cannot reach the team (SILENT_MODE off). */
  notifyClientOnFailure: Type.Optional(Type.Boolean()),
  /**
   * The connection itself sent it, not the client (the account's other device, the other system of
   * a parallel bot): forwarded, so the topic shows who wrote it ("Forwarded from …").
   */
  intercepted: Type.Optional(Type.Boolean()),
});

/** Copy an operator's message (one, or one album) from the topic to the client and record the links. */
export const CopyToClientJob = Type.Object({
  ...base,
  type: Type.Literal("copy.to-client"),
  dialogId,
  fromChatId: Type.Number(),
  messageIds: Type.Array(Type.Number(), { minItems: 1 }),
  mediaGroupId: Type.Optional(Type.String()),
  replyToTopicMessageId: Type.Optional(Type.Number()),
  operatorId: Type.Optional(Type.Number()),
});

/** Where a text or file the system writes goes (`text.send`, `file.send`). */
export const SendTarget = Type.Union([
  Type.Object({ kind: Type.Literal("client") }),
  Type.Object({ kind: Type.Literal("topic") }),
  /** The backend group outside a dialog: the General topic, or another topic by id. */
  Type.Object({ kind: Type.Literal("backend"), threadId: Type.Optional(Type.Number()) }),
  /** Any other chat, e.g. a private message to an operator. */
  Type.Object({ kind: Type.Literal("chat"), chatId: Type.Number() }),
]);
export type SendTarget = Type.Static<typeof SendTarget>;

/** An inline keyboard button that opens a URL. */
export const UrlButton = Type.Object({
  text: Type.String({ minLength: 1, maxLength: 64 }),
  url: Type.String({ pattern: "^(https?|tg)://", maxLength: 2048 }),
});
export type UrlButton = Type.Static<typeof UrlButton>;

/** A text the system itself writes: a welcome to the client, a notice or an info card in the topic. */
export const SendTextJob = Type.Object({
  ...base,
  type: Type.Literal("text.send"),
  dialogId: Type.Optional(dialogId),
  target: SendTarget,
  text: Type.String({ minLength: 1, maxLength: 4096 }),
  parseMode: Type.Optional(Type.Union([Type.Literal("MarkdownV2"), Type.Literal("HTML")])),
  replyToMessageId: Type.Optional(Type.Number()),
  /** Rows of inline URL buttons under the text (the HTTP topics API). */
  buttons: Type.Optional(Type.Array(Type.Array(UrlButton, { minItems: 1, maxItems: 8 }), { maxItems: 20 })),
  /** Publish `message.posted` with the sent message's id (the HTTP API tells its caller). */
  reportOutcome: Type.Optional(Type.Boolean()),
});

/** Mirror an edit of a text or caption onto its linked copy on the other side. */
export const MirrorEditJob = Type.Object({
  ...base,
  type: Type.Literal("edit.mirror"),
  dialogId,
  direction: Type.Union([Type.Literal("to-topic"), Type.Literal("to-client")]),
  sourceChatId: Type.Number(),
  sourceMessageId: Type.Number(),
  text: Type.String(),
  isCaption: Type.Boolean(),
});

/** Mirror a client's reaction onto the copy of the message in the topic. */
export const MirrorReactionJob = Type.Object({
  ...base,
  type: Type.Literal("reaction.mirror"),
  dialogId,
  sourceChatId: Type.Number(),
  sourceMessageId: Type.Number(),
  emojis: Type.Array(Type.String()),
});

/** A file (CSV, chart, upload) the system sends; see `file-send-job.ts`. */
export const SendFileJob = Type.Object({
  ...base,
  dialogId: Type.Optional(dialogId),
  target: SendTarget,
  ...fileSendFields,
  /** As on `text.send`: publish `message.posted` once sent (the HTTP API tells its caller). */
  reportOutcome: Type.Optional(Type.Boolean()),
});

/** A quick reply sent to a client (`/say NAME`); see `template-send-job.ts`. */
export const SendTemplateJob = Type.Object({ ...base, ...templateSendFields });

export const DeliveryJob = Type.Union([
  CreateTopicJob,
  RenameTopicJob,
  SetTopicOpenJob,
  CopyToTopicJob,
  CopyToClientJob,
  SendTextJob,
  MirrorEditJob,
  MirrorReactionJob,
  SendFileJob,
  SendTemplateJob,
]);
export type DeliveryJob = Type.Static<typeof DeliveryJob>;
export type DeliveryJobType = DeliveryJob["type"];
export type DeliveryJobOf<T extends DeliveryJobType> = Extract<DeliveryJob, { type: T }>;

export const deliveryJobValidator = Compile(DeliveryJob);

/**
 * Which queue a job belongs to. Backend-group traffic shares Telegram's ~20/min per-group budget;
 * client-bound traffic shares the bot's ~30/s budget. Each lane is FIFO.
 */
/**
 * A FIFO queue of delivery work: the backend group's (everything shown to operators), or one
 * outside chat's (a client's private chat or group, an operator's private chat for `/info`). A
 * lane per destination chat means a 429 or FLOOD_WAIT on one client waits only in that client's
 * lane; the connection's overall rate is kept by the send budgets, not by the lanes.
 */
export type DeliveryLane =
  | { kind: "group"; chatId: number }
  | { kind: "chat"; connectionId: string; chatId: number };

/** BullMQ job id of the n-th job an inbound event caused (BullMQ forbids ':' in custom ids). */
export function deliveryJobId(eventId: string, index: number): string {
  return `${eventId.replaceAll(":", ".")}.${index}`;
}

/** One job per album: every part's event derives the same id, so BullMQ keeps only the first. */
export function albumJobId(connectionId: string, chatId: number, mediaGroupId: string): string {
  return `album.${connectionId}.${chatId}.${mediaGroupId}`;
}
