import { getMarkedPeerId, type tl } from "@mtcute/node";
import type { ChatRef, InboundEvent, MessageInfo, Person } from "@topicdesk/contracts";
import type { MtprotoUpdate } from "../client/mtproto-client.ts";
import { contentKindOf } from "./content-kind.ts";

/**
 * Turns an MTProto message update into our InboundEvent, or undefined for what the help desk does
 * not relay (empty messages, the session's own saved messages).
 *
 * The event id names the message, not the update: `<connection>:mt.<chat>.<message>` (an edit adds
 * its edit date). Catching up after a disconnect can hand the same message out again; the same id
 * makes JetStream and the router's ledger drop the repeat.
 */
export function normalizeMessage(
  connectionId: string,
  selfId: number,
  update: MtprotoUpdate,
  receivedAt: number,
): InboundEvent | undefined {
  const message = update.message;
  if (message._ === "messageEmpty") return undefined;
  const chatId = getMarkedPeerId(message.peerId);
  if (chatId === selfId) return undefined;
  const chat = chatRef(message.peerId, chatId, update);
  if (!chat) return undefined;
  const suffix = update.kind === "edit" && message._ === "message" ? `.e${message.editDate ?? 0}` : "";
  const event: InboundEvent = {
    v: 1,
    id: `${connectionId}:mt.${chatId}.${message.id}${suffix}`,
    connectionId,
    receivedAt,
    kind: update.kind === "new" ? "message" : "edit",
    chat,
    message: messageInfo(message),
  };
  const from = sender(message, chat, selfId, update);
  if (from) event.from = from;
  return event;
}

function messageInfo(message: tl.RawMessage | tl.RawMessageService): MessageInfo {
  const info: MessageInfo = {
    messageId: message.id,
    date: message.date,
    content: message._ === "messageService" ? "service" : contentKindOf(message),
  };
  const replyTo = message.replyTo;
  if (replyTo?._ === "messageReplyHeader") {
    if (replyTo.forumTopic) info.threadId = replyTo.replyToTopId ?? replyTo.replyToMsgId ?? 0;
    // In a forum topic, a message "replies" to the topic's first message; only another target is a reply.
    const explicit = replyTo.forumTopic ? replyTo.replyToTopId && replyTo.replyToMsgId : replyTo.replyToMsgId;
    if (explicit) info.replyToMessageId = explicit;
  }
  if (message.out) info.outgoing = true;
  if (message._ === "messageService") return info;
  if (message.message.length > 0) info.text = message.message;
  if (message.groupedId) info.mediaGroupId = message.groupedId.toString();
  if (message.noforwards) info.protectedContent = true;
  if (message.fromId?._ === "peerChannel" || message.fromId?._ === "peerChat") {
    info.senderChatId = getMarkedPeerId(message.fromId);
  }
  const media = message.media;
  if (media?._ === "messageMediaContact" && message.fromId === undefined && !message.out) {
    if (media.userId.toString() === String(getMarkedPeerId(message.peerId)))
      info.sharedOwnPhone = media.phoneNumber;
  }
  return info;
}

function chatRef(peer: tl.TypePeer, chatId: number, update: MtprotoUpdate): ChatRef | undefined {
  if (peer._ === "peerUser") {
    const user = update.users.get(peer.userId);
    const ref: ChatRef = { id: chatId, type: "private" };
    if (user?._ === "user" && user.username) ref.username = user.username;
    return ref;
  }
  const rawId = peer._ === "peerChat" ? peer.chatId : peer.channelId;
  const chat = update.chats.get(rawId);
  if (!chat) return { id: chatId, type: peer._ === "peerChat" ? "group" : "supergroup" };
  if (chat._ === "chat") return { id: chatId, type: "group", title: chat.title };
  if (chat._ !== "channel") return { id: chatId, type: peer._ === "peerChat" ? "group" : "supergroup" };
  const ref: ChatRef = { id: chatId, type: chat.megagroup ? "supergroup" : "channel", title: chat.title };
  if (chat.username) ref.username = chat.username;
  if (chat.forum) ref.isForum = true;
  return ref;
}

/** Who wrote it: in a private chat the peer (or, for an outgoing message, the session itself). */
function sender(
  message: tl.RawMessage | tl.RawMessageService,
  chat: ChatRef,
  selfId: number,
  update: MtprotoUpdate,
): Person | undefined {
  let userId: number | undefined;
  if (message.fromId?._ === "peerUser") userId = message.fromId.userId;
  else if (chat.type === "private") userId = message.out ? selfId : chat.id;
  if (userId === undefined) return undefined;
  const user = update.users.get(userId);
  if (user?._ !== "user") return { id: userId, isBot: false, firstName: `User ${userId}` };
  const person: Person = {
    id: userId,
    isBot: user.bot ?? false,
    firstName: user.firstName ?? `User ${userId}`,
  };
  if (user.lastName) person.lastName = user.lastName;
  if (user.username) person.username = user.username;
  if (user.langCode) person.languageCode = user.langCode;
  return person;
}
