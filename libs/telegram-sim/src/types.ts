import type {
  CallbackQuery,
  Message,
  MessageEntity,
  MessageReactionUpdated,
  ReactionType,
  Update,
  User,
  WebhookInfo,
} from "@grammyjs/types";
import type { SimAlbumItem, SimContent } from "./content-builder.ts";
import type { SimFailure, SimOutage } from "./faults.ts";
import type { SimLimits } from "./rate-limits.ts";
import type { SimStats } from "./stats.ts";
import type { SimFileContent } from "./uploaded-file.ts";

/** Public types of the in-process API. */

export type { SimAlbumItem, SimContent, SimFailure, SimLimits, SimOutage, SimStats };

export interface SimOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Flood limits; default Telegram's (20/min per group, 1/s per private chat, 30/s per bot); false disables. */
  limits?: SimLimits | false;
  /** Webhook retry backoff: first delay (default 100 ms), doubling up to `webhookRetryMaxMs` (default 2000 ms). */
  webhookRetryBaseMs?: number;
  webhookRetryMaxMs?: number;
  /** How long a webhook endpoint may take to answer (default 10 s). */
  webhookTimeoutMs?: number;
  /** Fastify request logging (default off). */
  logger?: boolean;
}

/** A simulated person or bot, as a Bot API User object. */
export type SimUser = User;

export interface CreateBotInput {
  /** "<digits>:<secret>" makes the digits the bot id, as with real tokens; any other string gets a generated id. */
  token: string;
  username: string;
  firstName?: string;
}

export interface CreateUserInput {
  firstName: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
}

export type SimMemberStatus = "creator" | "administrator" | "member" | "restricted" | "left" | "kicked";

export interface SimMemberRights {
  canManageTopics?: boolean;
  canRestrictMembers?: boolean;
  canDeleteMessages?: boolean;
  /** Default true (administrators could always pin here before this right existed). */
  canPinMessages?: boolean;
}

export interface SimMemberSpec extends SimMemberRights {
  userId: number;
  status: "creator" | "administrator" | "member";
}

export interface CreateForumGroupInput {
  title: string;
  members: SimMemberSpec[];
  /** Default true; false makes a plain supergroup with Topics off (see `setForumMode`). */
  isForum?: boolean;
}

/** Where a person writes: the private chat with a bot, or a group (optionally a topic of it). */
export type SimTarget = { botId: number } | { chatId: number; threadId?: number };

export interface SimSendOptions {
  replyToMessageId?: number;
  mediaGroupId?: string;
}

export type SimMessageInput = SimContent & SimSendOptions;

export type SimEdit =
  | { text: string; entities?: MessageEntity[] }
  | { caption: string; captionEntities?: MessageEntity[] };

export interface SimTopicInfo {
  threadId: number;
  name: string;
  iconColor: number;
  iconCustomEmojiId?: string;
  closed: boolean;
  deleted: boolean;
}

export interface SimChatQuery {
  /** Only this forum topic; 1 means the General topic. */
  threadId?: number;
  /** For a user talking to several bots: which private chat. */
  botId?: number;
}

export interface SimStateSummary {
  apiRoot: string;
  users: User[];
  bots: Array<User & { pendingUpdates: number; webhookUrl: string }>;
  groups: Array<{
    chatId: number;
    title: string;
    members: Array<{ userId: number; status: SimMemberStatus }>;
    topics: SimTopicInfo[];
    messageCount: number;
  }>;
  privateChats: Array<{ botId: number; userId: number; blocked: boolean; messageCount: number }>;
}

type Falsy = false | 0 | "" | null | undefined;

export interface TelegramSim {
  /** Pass as grammY's `apiRoot` (e.g. http://127.0.0.1:PORT). */
  readonly apiRoot: string;
  close(): Promise<void>;

  createBot(input: CreateBotInput): SimUser;
  createUser(input: CreateUserInput): SimUser;
  createForumGroup(input: CreateForumGroupInput): { chatId: number };
  /** Adds someone to a group later on; a bot added this way gets a my_chat_member update. */
  addMember(chatId: number, member: SimMemberSpec): void;
  setMemberStatus(chatId: number, userId: number, status: SimMemberStatus, rights?: SimMemberRights): void;
  /** The owner turns Topics on or off in the group settings (no update, as on Telegram). */
  setForumMode(chatId: number, isForum: boolean): void;

  /** A person sends a message; every bot that should see it gets an update. */
  sendAsUser(userId: number, target: SimTarget, content: SimMessageInput): Message;
  sendAlbumAsUser(
    userId: number,
    target: SimTarget,
    items: SimAlbumItem[],
    options?: { replyToMessageId?: number },
  ): Message[];
  /** For private chats `chatId` may be the user's id or the bot's id. */
  editAsUser(userId: number, chatId: number, messageId: number, edit: SimEdit): Message;
  reactAsUser(userId: number, chatId: number, messageId: number, emojis: string[]): MessageReactionUpdated;
  /**
   * A person presses an inline keyboard button with `callbackData` on a bot's message; the bot gets a
   * callback_query update. For private chats `chatId` is the bot's id (the person's view).
   */
  pressButton(userId: number, chatId: number, messageId: number, callbackData: string): CallbackQuery;
  /**
   * A person picks a chat with a bot's "request_chat" keyboard button: a message with `chat_shared`
   * appears in their private chat with the bot, and the bot gets it as an update.
   */
  shareChat(userId: number, botId: number, shared: { requestId: number; chatId: number }): Message;
  blockBot(userId: number, botId: number): void;
  unblockBot(userId: number, botId: number): void;
  createTopicAsUser(
    userId: number,
    chatId: number,
    input: { name: string; iconColor?: number },
  ): SimTopicInfo;
  deleteTopicAsUser(chatId: number, threadId: number): void;

  /** Messages of a chat in order (private chat: chatId = user id, both directions). */
  messages(chatId: number, query?: SimChatQuery): Message[];
  message(chatId: number, messageId: number, query?: { botId?: number }): Message | undefined;
  /** The reactions on a message, by the id of the user or bot who set them. */
  reactions(chatId: number, messageId: number, query?: { botId?: number }): Record<number, ReactionType[]>;
  topics(chatId: number): SimTopicInfo[];
  /** What a bot uploaded under this file_id (name, type, bytes); undefined for files without bytes. */
  fileContent(fileId: string): SimFileContent | undefined;
  /** Updates queued for a bot and not yet confirmed (getUpdates) or delivered (webhook). */
  pendingUpdates(botId: number): Update[];
  webhookInfo(botId: number): WebhookInfo;
  summary(): SimStateSummary;

  failNext(method: string, failure: SimFailure): void;
  setOutage(outage: SimOutage | null): void;
  stats(): SimStats;
  /** Moves the simulator clock (message dates, flood windows) forward without waiting. */
  advanceClock(ms: number): void;
  /** Polls `predicate` until it returns a truthy value (thrown errors count as "not yet"). */
  waitFor<T>(predicate: () => T | Promise<T>, timeoutMs?: number): Promise<Exclude<T, Falsy>>;
}
