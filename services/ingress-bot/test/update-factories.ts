import type { Chat, Message, ReactionType, Update, User } from "@grammyjs/types";

/** Bot API objects as Telegram sends them, built by small factories so each test states only what matters. */

export const CLIENT: User = {
  id: 4242,
  is_bot: false,
  first_name: "Jane",
  last_name: "Doe",
  username: "jane",
  language_code: "en",
};
export const OPERATOR: User = { id: 7777, is_bot: false, first_name: "Olivia" };
export const BOT: User = { id: 7_000_000_001, is_bot: true, first_name: "Desk", username: "desk_bot" };
/** Telegram's placeholder author of anonymous admins' messages. */
export const GROUP_ANONYMOUS_BOT: User = {
  id: 1087968824,
  is_bot: true,
  first_name: "Group",
  username: "GroupAnonymousBot",
};

export const PRIVATE_CHAT: Chat = { id: CLIENT.id, type: "private", first_name: "Jane", username: "jane" };
export const BACKEND_GROUP: Chat = {
  id: -1_001_234_567_890,
  type: "supergroup",
  title: "Support",
  is_forum: true,
};
export const CHANNEL: Chat = { id: -1_009_876_543_210, type: "channel", title: "News", username: "news" };

/** A topic's thread id is the id of its forum_topic_created message. */
export const TOPIC_ID = 55;

let nextId = 1000;

export function nextUpdateId(): number {
  nextId += 1;
  return nextId;
}

/** A client's message in the private chat with the bot; `overrides` set its content. */
export function aClientMessage(overrides: Partial<Message> = {}): Message {
  return { message_id: nextUpdateId(), date: 1_790_000_000, chat: PRIVATE_CHAT, from: CLIENT, ...overrides };
}

/** The forum_topic_created service message every message of the topic implicitly replies to. */
export function topicCreatedMessage(): Message {
  return {
    message_id: TOPIC_ID,
    message_thread_id: TOPIC_ID,
    date: 1_789_000_000,
    chat: BACKEND_GROUP,
    from: BOT,
    is_topic_message: true,
    forum_topic_created: { name: "Jane Doe", icon_color: 7322096 },
  };
}

/** An operator's message inside the dialog's topic, as Telegram sends it (implicit reply included). */
export function anOperatorTopicMessage(overrides: Partial<Message> = {}): Message {
  return {
    message_id: nextUpdateId(),
    message_thread_id: TOPIC_ID,
    is_topic_message: true,
    reply_to_message: asReplyTarget(topicCreatedMessage()),
    date: 1_790_000_000,
    chat: BACKEND_GROUP,
    from: OPERATOR,
    text: "answer",
    ...overrides,
  };
}

/** A message as Telegram nests it in `reply_to_message`: without a reply of its own. */
export function asReplyTarget(message: Message): Message & { reply_to_message: undefined } {
  return { ...message, reply_to_message: undefined };
}

export function messageUpdate(message: Message, updateId = nextUpdateId()): Update {
  return { update_id: updateId, message } as Update;
}

export function editedMessageUpdate(message: Message, updateId = nextUpdateId()): Update {
  return { update_id: updateId, edited_message: { ...message, edit_date: message.date + 60 } } as Update;
}

export function channelPostUpdate(message: Message, updateId = nextUpdateId()): Update {
  return { update_id: updateId, channel_post: message } as Update;
}

export function reactionUpdate(reactions: ReactionType[], updateId = nextUpdateId()): Update {
  return {
    update_id: updateId,
    message_reaction: {
      chat: PRIVATE_CHAT,
      message_id: 17,
      user: CLIENT,
      date: 1_790_000_100,
      old_reaction: [],
      new_reaction: reactions,
    },
  };
}

export function myChatMemberUpdate(
  chat: Chat,
  status: "member" | "kicked" | "left" | "administrator",
  updateId = nextUpdateId(),
): Update {
  const old =
    status === "member" ? { status: "kicked" as const, until_date: 0 } : { status: "member" as const };
  const current =
    status === "kicked"
      ? { status, until_date: 0 }
      : status === "administrator"
        ? administrator()
        : { status };
  return {
    update_id: updateId,
    my_chat_member: {
      chat,
      from: chat.type === "private" ? CLIENT : OPERATOR,
      date: 1_790_000_200,
      old_chat_member: { user: BOT, ...old },
      new_chat_member: { user: BOT, ...current },
    },
  } as Update;
}

function administrator() {
  return {
    status: "administrator" as const,
    can_be_edited: false,
    is_anonymous: false,
    can_manage_chat: true,
    can_delete_messages: true,
    can_manage_video_chats: false,
    can_restrict_members: true,
    can_promote_members: false,
    can_change_info: false,
    can_invite_users: true,
    can_post_stories: false,
    can_edit_stories: false,
    can_delete_stories: false,
    can_manage_topics: true,
  };
}

export function callbackQueryUpdate(updateId = nextUpdateId()): Update {
  return {
    update_id: updateId,
    callback_query: { id: "cb-1", from: CLIENT, chat_instance: "ci-1", data: "close" },
  };
}

/** Media objects with the fields Telegram always sets. */
export const media = {
  photo: [
    { file_id: "AgAD-small", file_unique_id: "ph-s", width: 90, height: 60, file_size: 1200 },
    { file_id: "AgAD-large", file_unique_id: "ph-l", width: 1280, height: 853, file_size: 98000 },
  ],
  video: { file_id: "BAAD-video", file_unique_id: "vid", width: 1280, height: 720, duration: 12 },
  animation: { file_id: "CgAD-gif", file_unique_id: "gif", width: 320, height: 240, duration: 3 },
  /** Telegram also describes a GIF as a document, beside `animation`. */
  animationDocument: {
    file_id: "CgAD-gif",
    file_unique_id: "gif",
    file_name: "cat.mp4",
    mime_type: "video/mp4",
  },
  audio: { file_id: "CQAD-audio", file_unique_id: "aud", duration: 180, title: "Song" },
  voice: { file_id: "AwAD-voice", file_unique_id: "voi", duration: 4, mime_type: "audio/ogg" },
  videoNote: { file_id: "DQAD-note", file_unique_id: "vnote", length: 240, duration: 6 },
  document: {
    file_id: "BQAD-doc",
    file_unique_id: "doc",
    file_name: "invoice.pdf",
    mime_type: "application/pdf",
  },
  sticker: {
    file_id: "CAAD-sticker",
    file_unique_id: "stk",
    type: "regular" as const,
    width: 512,
    height: 512,
    is_animated: false,
    is_video: false,
    emoji: "😀",
  },
  location: { latitude: 52.52, longitude: 13.405 },
  venue: {
    location: { latitude: 52.52, longitude: 13.405 },
    title: "Brandenburger Tor",
    address: "Pariser Platz, Berlin",
  },
  poll: {
    id: "poll-1",
    question: "Which plan?",
    options: [
      { persistent_id: "opt-1", text: "Basic", voter_count: 0 },
      { persistent_id: "opt-2", text: "Pro", voter_count: 0 },
    ],
    total_voter_count: 0,
    is_closed: false,
    is_anonymous: true,
    type: "regular" as const,
    allows_multiple_answers: false,
    allows_revoting: false,
    members_only: false,
  },
  dice: { emoji: "🎲", value: 4 },
};
