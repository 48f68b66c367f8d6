import type {
  CallbackQuery,
  ChatMember,
  Message,
  MessageReactionUpdated,
  ReactionType,
  User,
} from "@grammyjs/types";
import { chatMemberOf } from "./chat-members.ts";
import type { SimClock } from "./clock.ts";
import { buildAlbumItem, buildUserContent } from "./content-builder.ts";
import { BotApiError, SimError } from "./errors.ts";
import { detectEntities } from "./formatting/index.ts";
import { NumericStringSequence } from "./ids.ts";
import { findCallbackButton } from "./inline-buttons.ts";
import { buildMessage, isEdited, isNonChannel } from "./message-builder.ts";
import { isReactionEmoji } from "./reactions.ts";
import {
  type ChatRecord,
  canManageTopics,
  type DialogRecord,
  type GroupRecord,
  isParticipant,
  type MemberRecord,
  type MemberStatus,
  type SimState,
  type StoredMessage,
  type TopicRecord,
} from "./sim-state.ts";
import { createTopic } from "./topics.ts";
import type {
  SimAlbumItem,
  SimEdit,
  SimMemberRights,
  SimMemberSpec,
  SimMessageInput,
  SimTarget,
  SimTopicInfo,
} from "./types.ts";
import type { UpdateDelivery } from "./update-delivery.ts";

/**
 * What simulated people do: write to bots and groups, edit, react, block bots, manage topics and
 * membership. Each action changes the state and queues updates for exactly the bots Telegram
 * would notify: the bot of a private chat, or every bot that is a member of the group (privacy
 * mode off). Bots never get updates about their own actions.
 */
export interface UserActionDeps {
  state: SimState;
  clock: SimClock;
  delivery: UpdateDelivery;
}

const userMediaGroupIds = new NumericStringSequence(213_000_000_000_001);
const callbackQueryIds = new NumericStringSequence(4_300_000_000_000_001);

export function topicInfo(topic: TopicRecord): SimTopicInfo {
  return {
    threadId: topic.threadId,
    name: topic.name,
    iconColor: topic.iconColor,
    ...(topic.iconCustomEmojiId ? { iconCustomEmojiId: topic.iconCustomEmojiId } : {}),
    closed: topic.closed,
    deleted: topic.deleted,
  };
}

function rightsOf(rights: SimMemberRights | undefined): MemberRecord["rights"] {
  return {
    canManageTopics: rights?.canManageTopics ?? false,
    canRestrictMembers: rights?.canRestrictMembers ?? false,
    canDeleteMessages: rights?.canDeleteMessages ?? false,
    // Pinning was always granted before this right could be set; keep that default.
    canPinMessages: rights?.canPinMessages ?? true,
  };
}

interface Destination {
  chat: ChatRecord;
  topicId: number | undefined;
  replyTo: StoredMessage | undefined;
}

export class UserActions {
  readonly #state: SimState;
  readonly #clock: SimClock;
  readonly #delivery: UpdateDelivery;

  constructor(deps: UserActionDeps) {
    this.#state = deps.state;
    this.#clock = deps.clock;
    this.#delivery = deps.delivery;
  }

  /** Bots that see what `senderId` does in `chat`. */
  #audience(chat: ChatRecord, senderId: number): number[] {
    if (chat.kind === "private") return chat.botId === senderId ? [] : [chat.botId];
    return [...chat.members.values()]
      .filter(
        (m) => m.userId !== senderId && isParticipant(m) && this.#state.users.get(m.userId)?.user.is_bot,
      )
      .map((m) => m.userId);
  }

  #person(userId: number): User {
    const user = this.#state.user(userId).user;
    if (user.is_bot) throw new SimError(`user ${userId} is a bot; bots act through the Bot API`);
    return user;
  }

  #destination(user: User, target: SimTarget, replyToMessageId: number | undefined): Destination {
    let chat: ChatRecord;
    let threadId: number | undefined;
    if ("botId" in target) {
      this.#state.bot(target.botId);
      const dialog = this.#state.openDialog(target.botId, user.id);
      // Writing to a blocked bot means pressing "Restart", which unblocks it.
      if (dialog.blocked) this.#setBlocked(dialog, false);
      chat = dialog;
    } else {
      const group = this.#state.group(target.chatId);
      const member = group.members.get(user.id);
      if (!isParticipant(member)) throw new SimError(`user ${user.id} is not a member of chat ${group.id}`);
      if (member.status === "restricted")
        throw new SimError(`user ${user.id} is restricted in chat ${group.id}`);
      chat = group;
      threadId = target.threadId;
    }
    let replyTo: StoredMessage | undefined;
    if (replyToMessageId !== undefined) {
      replyTo = chat.messages.get(replyToMessageId);
      if (!replyTo) throw new SimError(`message ${replyToMessageId} not found in chat ${chat.id}`);
    }
    if (chat.kind === "private") return { chat, topicId: undefined, replyTo };
    const topicId = threadId ?? replyTo?.topicId;
    if (topicId !== undefined) {
      const topic = chat.topics.get(topicId);
      if (!topic || topic.deleted) throw new SimError("message thread not found");
      if (topic.closed && !canManageTopics(chat.members.get(user.id))) throw new SimError("TOPIC_CLOSED");
    }
    return { chat, topicId, replyTo };
  }

  #post(user: User, destination: Destination, content: Partial<Message>): Message {
    const { chat, topicId, replyTo } = destination;
    const stored = this.#state.appendMessage(chat, user.id, topicId, (messageId) =>
      buildMessage(messageId, { chat, from: user, date: this.#clock.unixNow(), topicId, replyTo, content }),
    );
    const message = stored.message;
    if (isNonChannel(message)) {
      for (const botId of this.#audience(chat, user.id)) this.#delivery.enqueue(botId, { message });
    }
    return structuredClone(message);
  }

  sendAsUser(userId: number, target: SimTarget, input: SimMessageInput): Message {
    const user = this.#person(userId);
    const destination = this.#destination(user, target, input.replyToMessageId);
    const content = buildUserContent(this.#state.files, input);
    if (input.mediaGroupId !== undefined) content.media_group_id = input.mediaGroupId;
    return this.#post(user, destination, content);
  }

  /** An album arrives as consecutive messages (and updates) sharing one media_group_id. */
  sendAlbumAsUser(
    userId: number,
    target: SimTarget,
    items: SimAlbumItem[],
    options: { replyToMessageId?: number } = {},
  ): Message[] {
    if (items.length < 2 || items.length > 10) throw new SimError("an album has 2-10 items");
    const user = this.#person(userId);
    const destination = this.#destination(user, target, options.replyToMessageId);
    const mediaGroupId = userMediaGroupIds.next();
    const contents = items.map((item) => buildAlbumItem(this.#state.files, item));
    return contents.map((content) =>
      this.#post(user, destination, { ...content, media_group_id: mediaGroupId }),
    );
  }

  #ownMessage(
    userId: number,
    chatId: number,
    messageId: number,
  ): { chat: ChatRecord; stored: StoredMessage } {
    const chat = this.#state.resolveChat(chatId, { userId });
    const stored = chat.messages.get(messageId);
    if (!stored) throw new SimError(`message ${messageId} not found in chat ${chat.id}`);
    return { chat, stored };
  }

  editAsUser(userId: number, chatId: number, messageId: number, edit: SimEdit): Message {
    const user = this.#person(userId);
    const { chat, stored } = this.#ownMessage(userId, chatId, messageId);
    if (stored.senderId !== userId)
      throw new SimError("message can't be edited: it was sent by someone else");
    const message = stored.message;
    if ("text" in edit) {
      if (message.text === undefined) throw new SimError("there is no text in the message to edit");
      if (edit.text.trim() === "") throw new SimError("message text is empty");
      const entities = detectEntities(edit.text, edit.entities ?? []);
      message.text = edit.text;
      message.entities = entities.length > 0 ? entities : undefined;
    } else {
      if (
        message.text !== undefined ||
        message.sticker ||
        message.video_note ||
        !(
          message.photo ||
          message.video ||
          message.animation ||
          message.audio ||
          message.voice ||
          message.document
        )
      ) {
        throw new SimError("there is no caption in the message to edit");
      }
      const entities = detectEntities(edit.caption, edit.captionEntities ?? []);
      message.caption = edit.caption === "" ? undefined : edit.caption;
      message.caption_entities = entities.length > 0 ? entities : undefined;
    }
    message.edit_date = this.#clock.unixNow();
    if (isEdited(message)) {
      for (const botId of this.#audience(chat, user.id))
        this.#delivery.enqueue(botId, { edited_message: message });
    }
    return structuredClone(message);
  }

  /**
   * Sets the person's reactions on a message (replacing their previous ones). Bots get a
   * message_reaction update only if they asked for it in allowed_updates, like on Telegram.
   */
  reactAsUser(userId: number, chatId: number, messageId: number, emojis: string[]): MessageReactionUpdated {
    const user = this.#person(userId);
    const { chat, stored } = this.#ownMessage(userId, chatId, messageId);
    const next: ReactionType[] = emojis.map((emoji) => {
      if (!isReactionEmoji(emoji)) throw new SimError(`"${emoji}" is not an allowed reaction emoji`);
      return { type: "emoji", emoji };
    });
    const previous = stored.reactions.get(userId) ?? [];
    if (next.length === 0) stored.reactions.delete(userId);
    else stored.reactions.set(userId, next);
    const update: MessageReactionUpdated = {
      chat: chat.chat,
      message_id: messageId,
      user,
      date: this.#clock.unixNow(),
      old_reaction: previous,
      new_reaction: next,
    };
    for (const botId of this.#audience(chat, user.id))
      this.#delivery.enqueue(botId, { message_reaction: update });
    return structuredClone(update);
  }

  /**
   * Pressing a callback button: only buttons that really are on the bot's message can be pressed,
   * so a test cannot send a callback the person could never produce.
   */
  pressButton(userId: number, chatId: number, messageId: number, callbackData: string): CallbackQuery {
    const user = this.#person(userId);
    const { chat, stored } = this.#ownMessage(userId, chatId, messageId);
    if (!this.#state.users.get(stored.senderId)?.user.is_bot)
      throw new SimError(`message ${messageId} was not sent by a bot`);
    if (!findCallbackButton(stored.message, callbackData))
      throw new SimError(`message ${messageId} has no button with callback data "${callbackData}"`);
    const query: CallbackQuery = {
      id: callbackQueryIds.next(),
      from: user,
      message: structuredClone(stored.message),
      chat_instance: String(chat.id),
      data: callbackData,
    };
    this.#delivery.enqueue(stored.senderId, { callback_query: query });
    return structuredClone(query);
  }

  /** The person picked a chat through a "request_chat" keyboard button of the bot. */
  shareChat(userId: number, botId: number, shared: { requestId: number; chatId: number }): Message {
    const user = this.#person(userId);
    const target = this.#state.resolveChat(shared.chatId);
    const title = target.kind === "group" ? target.chat.title : undefined;
    return this.#post(user, this.#destination(user, { botId }, undefined), {
      chat_shared: { request_id: shared.requestId, chat_id: shared.chatId, ...(title ? { title } : {}) },
    });
  }

  setBlocked(userId: number, botId: number, blocked: boolean): void {
    this.#person(userId);
    this.#state.bot(botId);
    const dialog = this.#state.openDialog(botId, userId);
    if (dialog.blocked !== blocked) this.#setBlocked(dialog, blocked);
  }

  /** The bot learns about (un)blocking through my_chat_member: member ↔ kicked. */
  #setBlocked(dialog: DialogRecord, blocked: boolean): void {
    dialog.blocked = blocked;
    const bot = this.#state.user(dialog.botId).user;
    const member: ChatMember = { status: "member", user: bot };
    const kicked: ChatMember = { status: "kicked", user: bot, until_date: 0 };
    this.#delivery.enqueue(dialog.botId, {
      my_chat_member: {
        chat: dialog.chat,
        from: this.#state.user(dialog.userId).user,
        date: this.#clock.unixNow(),
        old_chat_member: blocked ? member : kicked,
        new_chat_member: blocked ? kicked : member,
      },
    });
  }

  createTopicAsUser(
    userId: number,
    chatId: number,
    input: { name: string; iconColor?: number },
  ): SimTopicInfo {
    const user = this.#person(userId);
    const group = this.#state.group(chatId);
    if (!isParticipant(group.members.get(userId)))
      throw new SimError(`user ${userId} is not a member of chat ${chatId}`);
    let topicId: number;
    try {
      topicId = createTopic(this.#state, group, user, this.#clock.unixNow(), {
        name: input.name,
        iconColor: input.iconColor,
        iconCustomEmojiId: undefined,
      }).threadId;
    } catch (error) {
      if (error instanceof BotApiError) throw new SimError(error.description);
      throw error;
    }
    const created = group.messages.get(topicId);
    if (created && isNonChannel(created.message)) {
      for (const botId of this.#audience(group, userId))
        this.#delivery.enqueue(botId, { message: created.message });
    }
    const topic = group.topics.get(topicId);
    if (!topic) throw new SimError("topic vanished");
    return topicInfo(topic);
  }

  /** The topic and all its messages disappear; bots get no update (as on Telegram). */
  deleteTopic(chatId: number, threadId: number): void {
    const group = this.#state.group(chatId);
    const topic = group.topics.get(threadId);
    if (!topic || topic.deleted) throw new SimError(`topic ${threadId} not found in chat ${chatId}`);
    topic.deleted = true;
    for (const [id, stored] of group.messages) {
      if (stored.topicId === threadId) group.messages.delete(id);
    }
  }

  /** Initial members of a new group: no updates, the group "already existed". */
  seedMembers(group: GroupRecord, members: SimMemberSpec[]): void {
    for (const spec of members) {
      this.#state.user(spec.userId);
      group.members.set(spec.userId, { userId: spec.userId, status: spec.status, rights: rightsOf(spec) });
    }
  }

  addMember(chatId: number, spec: SimMemberSpec): void {
    const group = this.#state.group(chatId);
    if (isParticipant(group.members.get(spec.userId)))
      throw new SimError(`user ${spec.userId} is already a member`);
    this.#changeMember(group, spec.userId, spec.status, spec);
  }

  setMemberStatus(chatId: number, userId: number, status: MemberStatus, rights?: SimMemberRights): void {
    this.#changeMember(this.#state.group(chatId), userId, status, rights);
  }

  /**
   * A bot whose own membership changes gets my_chat_member; other member bots get chat_member
   * (only if they opted in via allowed_updates, as on Telegram).
   */
  #changeMember(
    group: GroupRecord,
    userId: number,
    status: MemberStatus,
    rights: SimMemberRights | undefined,
  ): void {
    const subject = this.#state.user(userId).user;
    const before = group.members.get(userId);
    const after: MemberRecord = { userId, status, rights: rightsOf(rights) };
    group.members.set(userId, after);
    const creator = [...group.members.values()].find((m) => m.status === "creator" && m.userId !== userId);
    const performer = creator ? this.#state.user(creator.userId).user : subject;
    const change = {
      chat: group.chat,
      from: performer,
      date: this.#clock.unixNow(),
      old_chat_member: chatMemberOf(subject, before),
      new_chat_member: chatMemberOf(subject, after),
    };
    if (subject.is_bot) this.#delivery.enqueue(userId, { my_chat_member: change });
    for (const botId of this.#audience(group, userId)) this.#delivery.enqueue(botId, { chat_member: change });
  }
}
