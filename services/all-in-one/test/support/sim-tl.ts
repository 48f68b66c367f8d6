import { Long, type tl } from "@mtcute/node";
import type { MtprotoUpdate } from "@topicdesk/mtproto";

/** A simulated person as the TL user Telegram sends along with an update. */
export function tlUser(user: {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
}): tl.RawUser {
  return {
    _: "user",
    id: user.id,
    firstName: user.first_name,
    ...(user.last_name ? { lastName: user.last_name } : {}),
    ...(user.username ? { username: user.username } : {}),
    accessHash: Long.fromNumber(user.id),
  };
}

export function tlForum(channelId: number): tl.RawChannel {
  return {
    _: "channel",
    id: channelId,
    title: "Support",
    megagroup: true,
    forum: true,
    photo: { _: "chatPhotoEmpty" },
    date: 1_700_000_000,
  };
}

/** A monitored supergroup or broadcast channel as the TL chat Telegram sends along with its messages. */
export function tlChannel(
  channelId: number,
  chat: { title: string; kind: "supergroup" | "channel" },
): tl.RawChannel {
  return {
    _: "channel",
    id: channelId,
    title: chat.title,
    ...(chat.kind === "supergroup" ? { megagroup: true } : { broadcast: true }),
    photo: { _: "chatPhotoEmpty" },
    date: 1_700_000_000,
  };
}

/**
 * A person's text in the simulated backend group, as a session in that group receives it: a
 * channel message, with the forum-topic header when it was posted in a topic (none in General).
 */
export function backendGroupUpdate(
  groupId: number,
  sent: { message_id: number; date: number },
  from: { id: number; first_name: string; last_name?: string; username?: string },
  text: string,
  threadId: number | undefined,
): MtprotoUpdate {
  const channelId = -groupId - 1_000_000_000_000;
  return {
    kind: "new",
    message: {
      _: "message",
      id: sent.message_id,
      date: sent.date,
      peerId: { _: "peerChannel", channelId },
      fromId: { _: "peerUser", userId: from.id },
      ...(threadId === undefined
        ? {}
        : { replyTo: { _: "messageReplyHeader", forumTopic: true, replyToMsgId: threadId } }),
      message: text,
    },
    users: new Map([[from.id, tlUser(from)]]),
    chats: new Map([[channelId, tlForum(channelId)]]),
  };
}
