import { Long, type tl } from "@mtcute/node";
import type { MtprotoUpdate } from "../../src/client/mtproto-client.ts";

/** Real mtcute TL objects, as Telegram would send them, with only the fields that matter set. */
export function aUser(id: number, fields: Partial<tl.RawUser> = {}): tl.RawUser {
  return { _: "user", id, firstName: `Client${id}`, accessHash: Long.fromNumber(id * 7), ...fields };
}

export function aMessage(
  fields: Partial<tl.RawMessage> & { id: number; peerId: tl.TypePeer },
): tl.RawMessage {
  return { _: "message", date: 1_750_000_000, message: "", ...fields };
}

export function privateMessage(
  userId: number,
  id: number,
  fields: Partial<tl.RawMessage> = {},
  user: Partial<tl.RawUser> = {},
): MtprotoUpdate {
  return {
    kind: "new",
    message: aMessage({ id, peerId: { _: "peerUser", userId }, message: `hello ${id}`, ...fields }),
    users: new Map([[userId, aUser(userId, user)]]),
    chats: new Map(),
  };
}

export function supergroupMessage(
  channelId: number,
  fromUserId: number,
  id: number,
  fields: Partial<tl.RawMessage> = {},
): MtprotoUpdate {
  const channel: tl.RawChannel = {
    _: "channel",
    id: channelId,
    title: "Partners",
    megagroup: true,
    photo: { _: "chatPhotoEmpty" },
    date: 1_700_000_000,
  };
  return {
    kind: "new",
    message: aMessage({
      id,
      peerId: { _: "peerChannel", channelId },
      fromId: { _: "peerUser", userId: fromUserId },
      message: `group hello ${id}`,
      ...fields,
    }),
    users: new Map([[fromUserId, aUser(fromUserId)]]),
    chats: new Map([[channelId, channel]]),
  };
}

export function documentMedia(
  attributes: tl.TypeDocumentAttribute[],
  mimeType = "application/octet-stream",
): tl.RawMessageMediaDocument {
  return {
    _: "messageMediaDocument",
    document: {
      _: "document",
      id: Long.fromNumber(1),
      accessHash: Long.fromNumber(2),
      fileReference: new Uint8Array(),
      date: 1_750_000_000,
      mimeType,
      size: 10,
      dcId: 2,
      attributes,
    },
  };
}
