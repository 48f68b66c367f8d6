import type { Message, User } from "@grammyjs/types";
import { badRequest } from "./errors.ts";
import { buildMessage } from "./message-builder.ts";
import type { GroupRecord, SimState, StoredMessage, TopicRecord } from "./sim-state.ts";

/** Topic creation and topic service messages, shared by bots (Bot API) and people (sim API). */

/** The only icon colours Telegram accepts for new topics. */
export const TOPIC_ICON_COLORS = [7322096, 16766590, 13338331, 9367192, 16749490, 16478047] as const;

export interface NewTopic {
  name: string;
  iconColor: number | undefined;
  iconCustomEmojiId: string | undefined;
}

export function validateNewTopic(name: string, iconColor: number | undefined): void {
  if (name.trim() === "") throw badRequest("topic name must be non-empty");
  if (name.length > 128) throw badRequest("topic name is too long");
  if (iconColor !== undefined && !(TOPIC_ICON_COLORS as readonly number[]).includes(iconColor)) {
    throw badRequest("invalid icon_color specified");
  }
}

/**
 * Creates a topic. Telegram quirk: the topic's message_thread_id is the message_id of its
 * forum_topic_created service message, so the id is taken from the chat's message counter.
 */
export function createTopic(
  state: SimState,
  group: GroupRecord,
  creator: User,
  date: number,
  input: NewTopic,
): TopicRecord {
  validateNewTopic(input.name, input.iconColor);
  const threadId = group.nextMessageId;
  const topic: TopicRecord = {
    threadId,
    creatorId: creator.id,
    name: input.name,
    iconColor: input.iconColor ?? TOPIC_ICON_COLORS[0],
    ...(input.iconCustomEmojiId ? { iconCustomEmojiId: input.iconCustomEmojiId } : {}),
    closed: false,
    deleted: false,
  };
  group.topics.set(threadId, topic);
  postTopicService(state, group, topic, creator, date, {
    forum_topic_created: {
      name: topic.name,
      icon_color: topic.iconColor,
      ...(topic.iconCustomEmojiId ? { icon_custom_emoji_id: topic.iconCustomEmojiId } : {}),
    },
  });
  return topic;
}

export function postTopicService(
  state: SimState,
  group: GroupRecord,
  topic: TopicRecord,
  from: User,
  date: number,
  content: Partial<Message>,
): StoredMessage {
  return state.appendMessage(group, from.id, topic.threadId, (messageId) =>
    buildMessage(messageId, {
      chat: group,
      from,
      date,
      topicId: topic.threadId,
      replyTo: undefined,
      content,
    }),
  );
}
