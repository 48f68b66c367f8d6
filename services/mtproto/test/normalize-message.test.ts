import { Long } from "@mtcute/node";
import { inboundEventValidator } from "@topicdesk/contracts";
import { normalizeMessage } from "../src/inbound/normalize-message.ts";
import { documentMedia, privateMessage, supergroupMessage } from "./support/tl-factories.ts";

const SELF = 777;
const normalize = (update: Parameters<typeof normalizeMessage>[2]) =>
  normalizeMessage("acct", SELF, update, 1);

describe("an MTProto message becomes an InboundEvent", () => {
  it("a private text keeps the client's identity and gets an id that names the message", () => {
    const event = normalize(privateMessage(42, 5, {}, { firstName: "Ann", username: "ann", langCode: "de" }));
    expect(event).toMatchObject({
      id: "acct:mt.42.5",
      kind: "message",
      chat: { id: 42, type: "private", username: "ann" },
      from: { id: 42, isBot: false, firstName: "Ann", username: "ann", languageCode: "de" },
      message: { messageId: 5, content: "text", text: "hello 5" },
    });
    expect(inboundEventValidator.Check(event)).toBe(true);
  });

  it("the same message seen again (a catch-up replay) gets the same id", () => {
    expect(normalize(privateMessage(42, 5))?.id).toBe(normalize(privateMessage(42, 5))?.id);
  });

  it("an edit gets an id of its own per edit date", () => {
    const edit = { ...privateMessage(42, 5, { editDate: 99 }), kind: "edit" as const };
    expect(normalize(edit)).toMatchObject({ id: "acct:mt.42.5.e99", kind: "edit" });
  });

  it("a message the account sent from another device is marked outgoing, from the account", () => {
    const event = normalize(privateMessage(42, 6, { out: true }));
    expect(event?.message?.outgoing).toBe(true);
    expect(event?.from?.id).toBe(SELF);
    expect(event?.chat.id).toBe(42);
  });

  it("a supergroup message has the marked chat id, its title and the member who wrote", () => {
    const event = normalize(supergroupMessage(1234, 55, 9));
    expect(event).toMatchObject({
      chat: { id: -1000000001234, type: "supergroup", title: "Partners" },
      from: { id: 55 },
      message: { messageId: 9, text: "group hello 9" },
    });
  });

  it.each([
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
    ["document", documentMedia([{ _: "documentAttributeFilename", fileName: "a.pdf" }])],
    ["location", { _: "messageMediaGeo", geo: { _: "geoPointEmpty" } }],
    [
      "contact",
      { _: "messageMediaContact", phoneNumber: "+1", firstName: "A", lastName: "", vcard: "", userId: 0 },
    ],
    ["dice", { _: "messageMediaDice", value: 3, emoticon: "🎲" }],
  ] as const)("%s media is recognised", (kind: string, media: object) => {
    const event = normalize(privateMessage(42, 7, { media: media as never, message: "" }));
    expect(event?.message?.content).toBe(kind);
    expect(inboundEventValidator.Check(event)).toBe(true);
  });

  it("album parts carry their group id and a caption", () => {
    const event = normalize(
      privateMessage(42, 8, {
        media: { _: "messageMediaPhoto" },
        groupedId: Long.fromNumber(314),
        message: "cap",
      }),
    );
    expect(event?.message).toMatchObject({ content: "photo", mediaGroupId: "314", text: "cap" });
  });

  it("a reply keeps its target; a forum topic's implicit reply to its first message does not count", () => {
    const reply = normalize(privateMessage(42, 9, { replyTo: { _: "messageReplyHeader", replyToMsgId: 4 } }));
    expect(reply?.message?.replyToMessageId).toBe(4);
    const inTopic = normalize(
      supergroupMessage(1234, 55, 10, {
        replyTo: { _: "messageReplyHeader", forumTopic: true, replyToMsgId: 3 },
      }),
    );
    expect(inTopic?.message).toMatchObject({ threadId: 3 });
    expect(inTopic?.message?.replyToMessageId).toBeUndefined();
  });

  it("messages in the account's own saved messages are not relayed", () => {
    expect(normalize(privateMessage(SELF, 11))).toBeUndefined();
  });
});
