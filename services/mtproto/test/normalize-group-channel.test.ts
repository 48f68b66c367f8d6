import { Long, type tl } from "@mtcute/node";
import { inboundEventValidator } from "@topicdesk/contracts";
import type { MtprotoUpdate } from "../src/client/mtproto-client.ts";
import { normalizeMessage } from "../src/inbound/normalize-message.ts";
import { aMessage, aUser, documentMedia } from "./support/tl-factories.ts";

/**
 * Monitored chats (MONITOR_GROUPS, MONITOR_CHANNELS): what a session sees in basic groups,
 * supergroups, forums and broadcast channels becomes the same InboundEvent the router filters.
 */

const SELF = 777;
const MEMBER = 55;
const BASIC_GROUP = 4321;
const SUPERGROUP = 1234;
const CHANNEL = 9876;

const normalize = (update: MtprotoUpdate) => {
  const event = normalizeMessage("acct", SELF, update, 1);
  // Every event must pass the contract the router and the stream check.
  expect(inboundEventValidator.Check(event)).toBe(true);
  return event;
};

function basicGroup(): tl.RawChat {
  return {
    _: "chat",
    id: BASIC_GROUP,
    title: "Family Shop",
    photo: { _: "chatPhotoEmpty" },
    participantsCount: 5,
    date: 1_700_000_000,
    version: 1,
  };
}

function channel(fields: Partial<tl.RawChannel> = {}): tl.RawChannel {
  return {
    _: "channel",
    id: CHANNEL,
    title: "Shop News",
    username: "shopnews",
    broadcast: true,
    photo: { _: "chatPhotoEmpty" },
    date: 1_700_000_000,
    ...fields,
  };
}

function supergroup(fields: Partial<tl.RawChannel> = {}): tl.RawChannel {
  return channel({
    id: SUPERGROUP,
    title: "Partners",
    username: "partners",
    broadcast: false,
    megagroup: true,
    ...fields,
  });
}

/** A member's message in the basic group (`peerChat`). */
function basicGroupMessage(id: number, fields: Partial<tl.RawMessage> = {}, known = true): MtprotoUpdate {
  return {
    kind: "new",
    message: aMessage({
      id,
      peerId: { _: "peerChat", chatId: BASIC_GROUP },
      fromId: { _: "peerUser", userId: MEMBER },
      message: `basic ${id}`,
      ...fields,
    }),
    users: new Map([[MEMBER, aUser(MEMBER, { firstName: "Max", username: "max" })]]),
    chats: new Map(known ? [[BASIC_GROUP, basicGroup()]] : []),
  };
}

/** A member's message in a supergroup (`peerChannel` with megagroup). */
function supergroupMessage(
  id: number,
  fields: Partial<tl.RawMessage> = {},
  chat: tl.RawChannel = supergroup(),
): MtprotoUpdate {
  return {
    kind: "new",
    message: aMessage({
      id,
      peerId: { _: "peerChannel", channelId: chat.id },
      fromId: { _: "peerUser", userId: MEMBER },
      message: `group ${id}`,
      ...fields,
    }),
    users: new Map([[MEMBER, aUser(MEMBER, { firstName: "Max" })]]),
    chats: new Map([[chat.id, chat]]),
  };
}

/** A post in a broadcast channel: no author, only the channel. */
function channelPost(id: number, fields: Partial<tl.RawMessage> = {}): MtprotoUpdate {
  return {
    kind: "new",
    message: aMessage({
      id,
      peerId: { _: "peerChannel", channelId: CHANNEL },
      message: `post ${id}`,
      post: true,
      ...fields,
    }),
    users: new Map(),
    chats: new Map([[CHANNEL, channel()]]),
  };
}

describe("a basic group's message", () => {
  it("has the group's marked id, type and title, and the member who wrote", () => {
    expect(normalize(basicGroupMessage(3))).toMatchObject({
      id: `acct:mt.-${BASIC_GROUP}.3`,
      kind: "message",
      chat: { id: -BASIC_GROUP, type: "group", title: "Family Shop" },
      from: { id: MEMBER, isBot: false, firstName: "Max", username: "max" },
      message: { messageId: 3, content: "text", text: "basic 3" },
    });
  });

  it("is still a group when the update carries no chat object", () => {
    expect(normalize(basicGroupMessage(4, {}, false))?.chat).toEqual({ id: -BASIC_GROUP, type: "group" });
  });

  it("a service message (someone joined) is marked as such, so the router skips it", () => {
    const joined: MtprotoUpdate = {
      ...basicGroupMessage(5),
      message: {
        _: "messageService",
        id: 5,
        date: 1_750_000_000,
        peerId: { _: "peerChat", chatId: BASIC_GROUP },
        fromId: { _: "peerUser", userId: MEMBER },
        action: { _: "messageActionChatAddUser", users: [MEMBER] },
      },
    };
    expect(normalize(joined)?.message).toMatchObject({ messageId: 5, content: "service" });
  });
});

describe("a supergroup's message", () => {
  it("has the -100 marked id, the title and username, and the member", () => {
    expect(normalize(supergroupMessage(7))).toMatchObject({
      id: `acct:mt.-100000000${SUPERGROUP}.7`,
      chat: { id: -1000000001234, type: "supergroup", title: "Partners", username: "partners" },
      from: { id: MEMBER, firstName: "Max" },
    });
  });

  it("in a forum, the chat is marked as one and the message carries its topic", () => {
    const event = normalize(
      supergroupMessage(
        8,
        { replyTo: { _: "messageReplyHeader", forumTopic: true, replyToMsgId: 2 } },
        supergroup({ forum: true }),
      ),
    );
    expect(event?.chat.isForum).toBe(true);
    expect(event?.message).toMatchObject({ threadId: 2 });
    expect(event?.message?.replyToMessageId).toBeUndefined();
  });

  it("a reply to a member's message keeps its target", () => {
    const event = normalize(supergroupMessage(9, { replyTo: { _: "messageReplyHeader", replyToMsgId: 7 } }));
    expect(event?.message?.replyToMessageId).toBe(7);
  });

  it("an anonymous admin writes as the group: no person, the sender chat instead", () => {
    const event = normalize(supergroupMessage(10, { fromId: { _: "peerChannel", channelId: SUPERGROUP } }));
    expect(event?.from).toBeUndefined();
    expect(event?.message?.senderChatId).toBe(-1000000001234);
  });

  it("a bot in the group is a person with isBot", () => {
    const update = supergroupMessage(11);
    const withBot = {
      ...update,
      users: new Map([[MEMBER, aUser(MEMBER, { bot: true, firstName: "Helper" })]]),
    };
    expect(normalize(withBot)?.from).toMatchObject({ id: MEMBER, isBot: true });
  });

  it("what the account itself wrote in the group is outgoing, from the account", () => {
    const event = normalize(supergroupMessage(12, { out: true, fromId: { _: "peerUser", userId: SELF } }));
    expect(event?.message?.outgoing).toBe(true);
    expect(event?.from?.id).toBe(SELF);
  });

  it("a protected group's message says so", () => {
    expect(normalize(supergroupMessage(13, { noforwards: true }))?.message?.protectedContent).toBe(true);
  });
});

describe("a channel's post", () => {
  it("has the channel as its chat (type, title, username) and no author", () => {
    const event = normalize(channelPost(21));
    expect(event).toMatchObject({
      id: `acct:mt.-100000000${CHANNEL}.21`,
      chat: { id: -1000000009876, type: "channel", title: "Shop News", username: "shopnews" },
      message: { messageId: 21, content: "text", text: "post 21" },
    });
    expect(event?.from).toBeUndefined();
  });

  it("a signed post still has no person as its author", () => {
    expect(normalize(channelPost(22, { postAuthor: "Anna" }))?.from).toBeUndefined();
  });

  it("an edited post gets an id per edit date", () => {
    const edit = { ...channelPost(23, { editDate: 1_750_000_100 }), kind: "edit" as const };
    expect(normalize(edit)).toMatchObject({
      id: `acct:mt.-100000000${CHANNEL}.23.e1750000100`,
      kind: "edit",
    });
  });

  it("an album's parts carry their group id, the caption its text", () => {
    const part = normalize(
      channelPost(24, {
        media: { _: "messageMediaPhoto" },
        groupedId: Long.fromNumber(99),
        message: "new stock",
      }),
    );
    expect(part?.message).toMatchObject({ content: "photo", mediaGroupId: "99", text: "new stock" });
  });
});

describe("every message kind, in a group and in a channel", () => {
  const kinds: Array<[string, tl.TypeMessageMedia]> = [
    ["photo", { _: "messageMediaPhoto" }],
    [
      "sticker",
      documentMedia([
        { _: "documentAttributeSticker", alt: "🙂", stickerset: { _: "inputStickerSetEmpty" } },
      ]),
    ],
    ["voice", documentMedia([{ _: "documentAttributeAudio", voice: true, duration: 3 }])],
    ["audio", documentMedia([{ _: "documentAttributeAudio", duration: 3 }])],
    [
      "video_note",
      documentMedia([{ _: "documentAttributeVideo", roundMessage: true, duration: 3, w: 1, h: 1 }]),
    ],
    ["video", documentMedia([{ _: "documentAttributeVideo", duration: 3, w: 1, h: 1 }])],
    [
      "animation",
      documentMedia([
        { _: "documentAttributeAnimated" },
        { _: "documentAttributeVideo", duration: 1, w: 1, h: 1 },
      ]),
    ],
    ["document", documentMedia([{ _: "documentAttributeFilename", fileName: "price-list.pdf" }])],
    ["location", { _: "messageMediaGeo", geo: { _: "geoPointEmpty" } }],
    [
      "venue",
      {
        _: "messageMediaVenue",
        geo: { _: "geoPointEmpty" },
        title: "Shop",
        address: "Main St 1",
        provider: "",
        venueId: "",
        venueType: "",
      },
    ],
    [
      "contact",
      { _: "messageMediaContact", phoneNumber: "+1", firstName: "A", lastName: "", vcard: "", userId: 0 },
    ],
    [
      "poll",
      {
        _: "messageMediaPoll",
        poll: {
          _: "poll",
          id: Long.fromNumber(5),
          question: { _: "textWithEntities", text: "When?", entities: [] },
          answers: [],
          hash: Long.fromNumber(0),
        },
        results: { _: "pollResults" },
      },
    ],
    ["dice", { _: "messageMediaDice", value: 3, emoticon: "🎲" }],
    ["text", { _: "messageMediaWebPage", webpage: { _: "webPageEmpty", id: Long.fromNumber(1) } }],
  ];

  it.each(kinds)("%s in a supergroup is recognised, with its caption", (kind, media) => {
    const event = normalize(supergroupMessage(30, { media, message: "see this" }));
    expect(event?.message).toMatchObject({ content: kind, text: "see this" });
    expect(event?.chat.type).toBe("supergroup");
  });

  it.each(kinds)("%s in a basic group is recognised", (kind, media) => {
    expect(normalize(basicGroupMessage(31, { media, message: "" }))?.message?.content).toBe(kind);
  });

  it.each(kinds)("%s in a channel post is recognised", (kind, media) => {
    const event = normalize(channelPost(32, { media, message: "caption" }));
    expect(event?.message?.content).toBe(kind);
    expect(event?.chat.type).toBe("channel");
  });
});
