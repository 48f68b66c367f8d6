import type { tl } from "@mtcute/node";
import type { MtprotoChatMember, MtprotoUser } from "@topicdesk/contracts";
import type { FormattedText, UrlButton } from "../outbound/formatting/formatted-text.ts";

/**
 * The MTProto client as the mtproto service uses it: small enough that tests drive the service
 * with a fake of their own (feeding real mtcute TL objects), while `mtcute-client.ts` adapts it to
 * mtcute for Telegram. Chat ids are marked, Bot-API-style (`-100…` for supergroups and channels).
 *
 * Failures are thrown as mtcute's `tl.RpcError` (`FLOOD_WAIT_X`, `PEER_ID_INVALID` …); the service
 * turns them into the Bot API's terms once, in `outbound/rpc-error-to-call-error.ts`.
 */
export interface MtprotoClient {
  /** Connects with the stored session; throws when the session is not (or no longer) logged in. */
  start(): Promise<SelfIdentity>;
  /** Every new or edited message the session sees, including its own outgoing ones. */
  onUpdate(handler: MtprotoUpdateHandler): void;
  /** Loads what was missed while disconnected (getDifference, per-channel difference). */
  catchUp(): Promise<void>;
  copyMessages(request: CopyRequest): Promise<number[]>;
  forwardMessages(request: CopyRequest): Promise<number[]>;
  sendText(request: SendTextRequest): Promise<number>;
  /** Uploads bytes (or has Telegram fetch a URL) as a photo or a document. */
  sendFile(request: SendFileRequest): Promise<number>;
  editMessage(request: EditRequest): Promise<void>;
  setReaction(request: { chatId: number; messageId: number; emojis: string[] }): Promise<void>;
  createTopic(request: { chatId: number; name: string; iconColor?: number }): Promise<number>;
  editTopic(request: { chatId: number; topicId: number; name: string }): Promise<void>;
  setTopicOpen(request: { chatId: number; topicId: number; open: boolean }): Promise<void>;
  /** A username (without @) or phone to the marked chat id the session can address. */
  resolvePeer(reference: string): Promise<number>;
  /** Read-only: a user's status and rights in a chat; not a member → `left`. */
  getChatMember(request: { chatId: number; userId: number }): Promise<MtprotoChatMember>;
  /**
   * Read-only: a user by id (one the session has met: an account needs Telegram's access hash) or
   * username; throws PEER_ID_INVALID / USERNAME_NOT_OCCUPIED (as `tl.RpcError`) when unknown.
   */
  getUser(reference: number | string): Promise<MtprotoUser>;
  /** Disconnects and saves the session's storage. */
  close(): Promise<void>;
}

export interface SelfIdentity {
  id: number;
  isBot: boolean;
}

/** A message update with the users and chats Telegram sent along (keyed by bare id). */
export interface MtprotoUpdate {
  kind: "new" | "edit";
  message: tl.TypeMessage;
  users: ReadonlyMap<number, tl.TypeUser>;
  chats: ReadonlyMap<number, tl.TypeChat>;
}

/** Resolving means the update is handled (published); mtcute's update state moves on regardless. */
export type MtprotoUpdateHandler = (update: MtprotoUpdate) => Promise<void>;

export interface CopyRequest {
  toChatId: number;
  fromChatId: number;
  /** Several ids are one album, copied as one album. */
  messageIds: number[];
  threadId?: number | undefined;
  replyTo?: number | undefined;
}

/** A text already turned into entities (the service parses the Bot API's parse modes). */
export interface SendTextRequest {
  chatId: number;
  text: FormattedText;
  threadId?: number | undefined;
  replyTo?: number | undefined;
  /** Inline URL buttons: only ever passed to a bot session (accounts get them as links in the text). */
  buttons?: UrlButton[][] | undefined;
}

export interface SendFileRequest {
  chatId: number;
  as: "photo" | "document";
  file: { bytes: Uint8Array; fileName: string; contentType?: string | undefined } | { url: string };
  caption?: FormattedText | undefined;
  threadId?: number | undefined;
  replyTo?: number | undefined;
}

export interface EditRequest {
  chatId: number;
  messageId: number;
  text: string;
  isCaption: boolean;
}
