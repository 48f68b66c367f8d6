import type { BotCommand, Chat, Message, ReactionType, User } from "@grammyjs/types";
import { SimError } from "./errors.ts";
import { FileRegistry } from "./file-registry.ts";
import { Sequence } from "./ids.ts";

/**
 * The simulated world: users and bots, private dialogs, forum supergroups with their members and
 * topics, and every message. Pure bookkeeping: who may do what is decided by the callers
 * (bot-access.ts for bots, user-actions.ts for people).
 */
export type MemberStatus = "creator" | "administrator" | "member" | "restricted" | "left" | "kicked";

export interface MemberRights {
  canManageTopics: boolean;
  canRestrictMembers: boolean;
  canDeleteMessages: boolean;
  canPinMessages: boolean;
}

export interface MemberRecord {
  userId: number;
  status: MemberStatus;
  rights: MemberRights;
}

export interface UserRecord {
  user: User;
  /** Only for bots. */
  token?: string;
  commands: BotCommand[];
}

export interface TopicRecord {
  /** Also the message_id of the topic's forum_topic_created service message (Telegram quirk). */
  threadId: number;
  creatorId: number;
  name: string;
  iconColor: number;
  iconCustomEmojiId?: string;
  closed: boolean;
  deleted: boolean;
}

export interface StoredMessage {
  message: Message;
  senderId: number;
  /** Forum topic the message lives in; undefined for General and private chats. */
  topicId: number | undefined;
  /** Current reactions per user or bot. */
  reactions: Map<number, ReactionType[]>;
}

interface ChatLog {
  messages: Map<number, StoredMessage>;
  nextMessageId: number;
}

export interface GroupRecord extends ChatLog {
  kind: "group";
  id: number;
  chat: Chat.SupergroupChat;
  members: Map<number, MemberRecord>;
  topics: Map<number, TopicRecord>;
}

/** A private chat between one bot and one user. Its chat id (the bot's view) is the user id. */
export interface DialogRecord extends ChatLog {
  kind: "private";
  id: number;
  botId: number;
  userId: number;
  chat: Chat.PrivateChat;
  /** The user blocked the bot ("Stop and block bot"). */
  blocked: boolean;
}

export type ChatRecord = GroupRecord | DialogRecord;

/** Statuses that make a user or bot a participant of a group. */
export function isParticipant(member: MemberRecord | undefined): member is MemberRecord {
  return (
    member !== undefined &&
    (member.status === "creator" ||
      member.status === "administrator" ||
      member.status === "member" ||
      member.status === "restricted")
  );
}

export function isAdmin(member: MemberRecord | undefined): boolean {
  return member?.status === "creator" || member?.status === "administrator";
}

export function canManageTopics(member: MemberRecord | undefined): boolean {
  return (
    member?.status === "creator" || (member?.status === "administrator" && member.rights.canManageTopics)
  );
}

export function canDeleteOthers(member: MemberRecord | undefined): boolean {
  return (
    member?.status === "creator" || (member?.status === "administrator" && member.rights.canDeleteMessages)
  );
}

export class SimState {
  readonly files = new FileRegistry();
  readonly users = new Map<number, UserRecord>();
  readonly groups = new Map<number, GroupRecord>();
  readonly #dialogs = new Map<string, DialogRecord>();
  readonly #botIdsByToken = new Map<string, number>();
  // Ranges apart so a user id can never be mistaken for a bot id (private chat id = user id).
  readonly #userIds = new Sequence(5_100_000_001);
  readonly #botIds = new Sequence(7_100_000_001);
  readonly #groupSeq = new Sequence(1);

  createUser(input: {
    firstName: string;
    lastName?: string;
    username?: string;
    languageCode?: string;
  }): User {
    if (!input.firstName) throw new SimError("firstName is required");
    this.#assertUsernameFree(input.username);
    const user: User = {
      id: this.#userIds.next(),
      is_bot: false,
      first_name: input.firstName,
      ...(input.lastName ? { last_name: input.lastName } : {}),
      ...(input.username ? { username: input.username } : {}),
      ...(input.languageCode ? { language_code: input.languageCode } : {}),
    };
    this.users.set(user.id, { user, commands: [] });
    return user;
  }

  /** Bot ids come from the token ("<id>:<secret>", as BotFather issues them) when it has one. */
  createBot(input: { token: string; username: string; firstName?: string }): User {
    if (!input.token) throw new SimError("token is required");
    if (!input.username) throw new SimError("username is required");
    if (this.#botIdsByToken.has(input.token))
      throw new SimError(`a bot with token ${input.token} already exists`);
    this.#assertUsernameFree(input.username);
    const prefix = /^(\d{1,15}):/.exec(input.token)?.[1];
    let id = prefix === undefined ? this.#botIds.next() : Number(prefix);
    if (this.users.has(id)) {
      if (prefix !== undefined) throw new SimError(`id ${id} taken by another user or bot`);
      while (this.users.has(id)) id = this.#botIds.next();
    }
    const user: User = {
      id,
      is_bot: true,
      first_name: input.firstName ?? input.username,
      username: input.username,
    };
    this.users.set(id, { user, token: input.token, commands: [] });
    this.#botIdsByToken.set(input.token, id);
    return user;
  }

  #assertUsernameFree(username: string | undefined): void {
    if (!username) return;
    const lower = username.toLowerCase();
    for (const record of this.users.values()) {
      if (record.user.username?.toLowerCase() === lower) throw new SimError(`username @${username} is taken`);
    }
  }

  botIdByToken(token: string): number | undefined {
    return this.#botIdsByToken.get(token);
  }

  user(userId: number): UserRecord {
    const record = this.users.get(userId);
    if (!record) throw new SimError(`unknown user ${userId}`);
    return record;
  }

  bot(botId: number): UserRecord {
    const record = this.user(botId);
    if (!record.user.is_bot) throw new SimError(`user ${botId} is not a bot`);
    return record;
  }

  bots(): UserRecord[] {
    return [...this.users.values()].filter((r) => r.user.is_bot);
  }

  createGroup(title: string, isForum = true): GroupRecord {
    if (!title) throw new SimError("title is required");
    // Supergroup ids are -100 followed by ten digits.
    const id = -(1_002_000_000_000 + this.#groupSeq.next() * 7_919);
    const group: GroupRecord = {
      kind: "group",
      id,
      chat: { id, type: "supergroup", title, ...(isForum ? { is_forum: true as const } : {}) },
      members: new Map(),
      topics: new Map(),
      messages: new Map(),
      // Message 1 of a real supergroup is its creation service message, never seen by bots.
      nextMessageId: 2,
    };
    this.groups.set(id, group);
    return group;
  }

  group(chatId: number): GroupRecord {
    const group = this.groups.get(chatId);
    if (!group) throw new SimError(`unknown group ${chatId}`);
    return group;
  }

  dialog(botId: number, userId: number): DialogRecord | undefined {
    return this.#dialogs.get(`${botId}:${userId}`);
  }

  dialogsOfUser(userId: number): DialogRecord[] {
    return [...this.#dialogs.values()].filter((d) => d.userId === userId);
  }

  dialogs(): DialogRecord[] {
    return [...this.#dialogs.values()];
  }

  /** Created when the user first writes to the bot (a bot can't start a conversation). */
  openDialog(botId: number, userId: number): DialogRecord {
    const existing = this.dialog(botId, userId);
    if (existing) return existing;
    const user = this.user(userId).user;
    const chat: Chat.PrivateChat = {
      id: user.id,
      type: "private",
      first_name: user.first_name,
      ...(user.last_name ? { last_name: user.last_name } : {}),
      ...(user.username ? { username: user.username } : {}),
    };
    const dialog: DialogRecord = {
      kind: "private",
      id: user.id,
      botId,
      userId,
      chat,
      blocked: false,
      messages: new Map(),
      nextMessageId: 1,
    };
    this.#dialogs.set(`${botId}:${userId}`, dialog);
    return dialog;
  }

  /**
   * The chat a test means by `chatId`: a group id, or for private chats the user id (the bot's
   * view) or the bot id (the user's view). `botId` disambiguates a user talking to several bots.
   */
  resolveChat(chatId: number, hint: { botId?: number; userId?: number } = {}): ChatRecord {
    const group = this.groups.get(chatId);
    if (group) return group;
    const record = this.users.get(chatId);
    if (!record) throw new SimError(`unknown chat ${chatId}`);
    if (record.user.is_bot) {
      if (hint.userId === undefined)
        throw new SimError(`chat ${chatId} is a bot; pass the user's id as chatId`);
      const dialog = this.dialog(chatId, hint.userId);
      if (!dialog) throw new SimError(`user ${hint.userId} has no private chat with bot ${chatId}`);
      return dialog;
    }
    if (hint.botId !== undefined) {
      const dialog = this.dialog(hint.botId, chatId);
      if (!dialog) throw new SimError(`user ${chatId} has no private chat with bot ${hint.botId}`);
      return dialog;
    }
    const dialogs = this.dialogsOfUser(chatId);
    const only = dialogs[0];
    if (!only) throw new SimError(`user ${chatId} has no private chat with any bot`);
    if (dialogs.length > 1) throw new SimError(`user ${chatId} talks to several bots; pass botId`);
    return only;
  }

  /** Stores a message built for the next message id of `chat`. */
  appendMessage(
    chat: ChatRecord,
    senderId: number,
    topicId: number | undefined,
    build: (messageId: number) => Message,
  ): StoredMessage {
    const messageId = chat.nextMessageId;
    chat.nextMessageId += 1;
    const stored: StoredMessage = { message: build(messageId), senderId, topicId, reactions: new Map() };
    chat.messages.set(messageId, stored);
    return stored;
  }
}
