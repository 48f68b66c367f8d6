import type { ForumTopic, Message } from "@grammyjs/types";
import { botMember, groupForBot } from "../bot-access.ts";
import { badRequest } from "../errors.ts";
import type { Params } from "../request-params.ts";
import { canDeleteOthers, canManageTopics, type GroupRecord, type TopicRecord } from "../sim-state.ts";
import { createTopic, postTopicService, validateNewTopic } from "../topics.ts";
import type { MethodContext, MethodTable } from "./context.ts";
import { consumeSend } from "./post.ts";

/** Forum topic management. Each change posts the service message Telegram posts into the topic. */

const MANAGE_RIGHTS = "not enough rights to manage topics";

function topicParam(group: GroupRecord, params: Params): TopicRecord {
  const threadId = params.requireInt("message_thread_id", "message thread not found");
  const topic = group.topics.get(threadId);
  if (!topic || topic.deleted) throw badRequest("message thread not found");
  return topic;
}

/** Topic rights: can_manage_topics, or being the topic's creator (Telegram lets creators edit). */
function assertMayManage(ctx: MethodContext, group: GroupRecord, topic: TopicRecord): void {
  if (topic.creatorId === ctx.botId && botMember(ctx, group)?.status !== "restricted") return;
  if (!canManageTopics(botMember(ctx, group))) throw badRequest(MANAGE_RIGHTS);
}

function createForumTopic(ctx: MethodContext, params: Params): ForumTopic {
  const group = groupForBot(ctx, params.chatId());
  const name = params.str("name") ?? "";
  if (!group.chat.is_forum) throw badRequest("the chat is not a forum");
  if (!canManageTopics(botMember(ctx, group))) throw badRequest("not enough rights to create a topic");
  const iconColor = params.int("icon_color");
  const iconCustomEmojiId = params.str("icon_custom_emoji_id");
  // Validate before counting the send; createTopic re-checks the same rules.
  validateNewTopic(name, iconColor);
  consumeSend(ctx, group);
  const topic = createTopic(ctx.state, group, ctx.bot, ctx.clock.unixNow(), {
    name,
    iconColor,
    iconCustomEmojiId,
  });
  return {
    message_thread_id: topic.threadId,
    name: topic.name,
    icon_color: topic.iconColor,
    ...(topic.iconCustomEmojiId ? { icon_custom_emoji_id: topic.iconCustomEmojiId } : {}),
  };
}

function editForumTopic(ctx: MethodContext, params: Params): true {
  const group = groupForBot(ctx, params.chatId());
  const topic = topicParam(group, params);
  assertMayManage(ctx, group, topic);
  const name = params.str("name");
  const emoji = params.raw.icon_custom_emoji_id;
  const change: NonNullable<Message["forum_topic_edited"]> = {};
  if (name !== undefined && name !== topic.name) {
    if (name.length > 128) throw badRequest("topic name is too long");
    change.name = name;
  }
  if (typeof emoji === "string" && emoji !== (topic.iconCustomEmojiId ?? ""))
    change.icon_custom_emoji_id = emoji;
  if (change.name === undefined && change.icon_custom_emoji_id === undefined)
    throw badRequest("TOPIC_NOT_MODIFIED");
  if (change.name !== undefined) topic.name = change.name;
  if (change.icon_custom_emoji_id !== undefined)
    topic.iconCustomEmojiId = change.icon_custom_emoji_id || undefined;
  postTopicService(ctx.state, group, topic, ctx.bot, ctx.clock.unixNow(), { forum_topic_edited: change });
  return true;
}

function setClosed(closed: boolean) {
  return (ctx: MethodContext, params: Params): true => {
    const group = groupForBot(ctx, params.chatId());
    const topic = topicParam(group, params);
    assertMayManage(ctx, group, topic);
    if (topic.closed === closed) throw badRequest("TOPIC_NOT_MODIFIED");
    topic.closed = closed;
    postTopicService(
      ctx.state,
      group,
      topic,
      ctx.bot,
      ctx.clock.unixNow(),
      closed ? { forum_topic_closed: {} } : { forum_topic_reopened: {} },
    );
    return true;
  };
}

/** Deleting a topic deletes all its messages; bots get no update about it. */
function deleteForumTopic(ctx: MethodContext, params: Params): true {
  const group = groupForBot(ctx, params.chatId());
  const topic = topicParam(group, params);
  if (!canDeleteOthers(botMember(ctx, group)) && !canManageTopics(botMember(ctx, group))) {
    throw badRequest(MANAGE_RIGHTS);
  }
  topic.deleted = true;
  for (const [id, stored] of group.messages) {
    if (stored.topicId === topic.threadId) group.messages.delete(id);
  }
  return true;
}

function unpinAllForumTopicMessages(ctx: MethodContext, params: Params): true {
  topicParam(groupForBot(ctx, params.chatId()), params);
  return true;
}

export const forumTopicMethods: MethodTable = {
  createForumTopic,
  editForumTopic,
  closeForumTopic: setClosed(true),
  reopenForumTopic: setClosed(false),
  deleteForumTopic,
  unpinAllForumTopicMessages,
  getForumTopicIconStickers: () => [],
};
