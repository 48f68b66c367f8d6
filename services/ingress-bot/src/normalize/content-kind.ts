import type { Message } from "@grammyjs/types";
import type { ContentKind } from "@topicdesk/contracts";

/**
 * Which field of a Bot API message marks its kind. Order matters: Telegram sets `document` beside
 * `animation` for GIFs, and `location` beside `venue`, so the more specific field comes first.
 */
const CONTENT_FIELDS: ReadonlyArray<readonly [keyof Message, ContentKind]> = [
  ["text", "text"],
  ["animation", "animation"],
  ["photo", "photo"],
  ["video", "video"],
  ["video_note", "video_note"],
  ["voice", "voice"],
  ["audio", "audio"],
  ["sticker", "sticker"],
  ["document", "document"],
  ["venue", "venue"],
  ["location", "location"],
  ["contact", "contact"],
  ["poll", "poll"],
  ["dice", "dice"],
];

const SERVICE_FIELDS: ReadonlyArray<keyof Message> = [
  "forum_topic_created",
  "forum_topic_edited",
  "forum_topic_closed",
  "forum_topic_reopened",
  "general_forum_topic_hidden",
  "general_forum_topic_unhidden",
  "new_chat_members",
  "left_chat_member",
  "new_chat_title",
  "new_chat_photo",
  "delete_chat_photo",
  "pinned_message",
  "group_chat_created",
  "supergroup_chat_created",
  "migrate_to_chat_id",
  "migrate_from_chat_id",
];

export function contentKindOf(message: Message): ContentKind {
  for (const [field, kind] of CONTENT_FIELDS) {
    if (message[field] !== undefined) return kind;
  }
  if (SERVICE_FIELDS.some((field) => message[field] !== undefined)) return "service";
  return "other";
}
