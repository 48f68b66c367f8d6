import { CallRefusal } from "../src/outbound/call-refusal.ts";
import { appendLinkButtons, formatText } from "../src/outbound/formatting/format-text.ts";
import { parseMarkdownV2 } from "../src/outbound/formatting/markdown-v2.ts";

/** Entities without mtcute's Long values, for readable expectations. */
const plain = (input: string) => {
  const { text, entities } = parseMarkdownV2(input);
  return { text, entities: entities.map((entity) => JSON.parse(JSON.stringify(entity))) };
};

/**
 * The parsing itself is `@topicdesk/telegram-format`'s (tested there); here: every entity it yields
 * reaches MTProto as the same entity, and its refusals as the Bot API's 400.
 */
describe("MarkdownV2 into MTProto entities", () => {
  test("every entity kind becomes its MTProto twin, in order", () => {
    const input =
      ">*b* _i_ __u__ ~s~ ||p|| `c`\nplain\n**>[l](https://x.io) ![e](tg://emoji?id=42)||\n```py\nx```";
    expect(plain(input)).toEqual({
      text: "b i u s p c\nplain\nl e\nx",
      entities: [
        { _: "messageEntityBlockquote", offset: 0, length: 11 },
        { _: "messageEntityBold", offset: 0, length: 1 },
        { _: "messageEntityItalic", offset: 2, length: 1 },
        { _: "messageEntityUnderline", offset: 4, length: 1 },
        { _: "messageEntityStrike", offset: 6, length: 1 },
        { _: "messageEntitySpoiler", offset: 8, length: 1 },
        { _: "messageEntityCode", offset: 10, length: 1 },
        { _: "messageEntityBlockquote", offset: 18, length: 3, collapsed: true },
        { _: "messageEntityTextUrl", offset: 18, length: 1, url: "https://x.io" },
        { _: "messageEntityCustomEmoji", offset: 20, length: 1, documentId: expect.anything() },
        { _: "messageEntityPre", offset: 22, length: 1, language: "py" },
      ],
    });
  });

  test("a custom emoji keeps its document id as a Long", () => {
    const [entity] = parseMarkdownV2("![👍](tg://emoji?id=5368324170671202286)").entities;
    expect(entity?._).toBe("messageEntityCustomEmoji");
    expect(entity?._ === "messageEntityCustomEmoji" && entity.documentId.toString()).toBe(
      "5368324170671202286",
    );
  });

  test("markup the Bot API refuses is refused the same way, as a 400", () => {
    let refusal: unknown;
    try {
      parseMarkdownV2("Thanks.");
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(CallRefusal);
    expect((refusal as CallRefusal).callError).toEqual({
      code: 400,
      description:
        "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
    });
  });
});

describe("texts an MTProto session sends", () => {
  test("HTML in the Bot API's dialect, whitespace kept", () => {
    const formatted = formatText('<b>Order</b> shipped\n<a href="https://t.me/x">track</a>', "HTML");
    expect(formatted.text).toBe("Order shipped\ntrack");
    expect(formatted.entities.map((entity) => [entity._, entity.offset, entity.length])).toEqual([
      ["messageEntityBold", 0, 5],
      ["messageEntityTextUrl", 14, 5],
    ]);
  });

  test("without a parse mode the text is sent as written", () => {
    expect(formatText("*not bold*.", undefined)).toEqual({ text: "*not bold*.", entities: [] });
  });

  test("URL buttons become text links under the text, one line per row", () => {
    const withLinks = appendLinkButtons(formatText("*Hi*", "MarkdownV2"), [
      [
        { text: "Site", url: "https://example.com" },
        { text: "Docs", url: "https://example.com/docs" },
      ],
      [{ text: "Chat", url: "tg://resolve?domain=x" }],
    ]);
    expect(withLinks.text).toBe("Hi\n\nSite · Docs\nChat");
    expect(withLinks.entities).toEqual([
      { _: "messageEntityBold", offset: 0, length: 2 },
      { _: "messageEntityTextUrl", offset: 4, length: 4, url: "https://example.com" },
      { _: "messageEntityTextUrl", offset: 11, length: 4, url: "https://example.com/docs" },
      { _: "messageEntityTextUrl", offset: 16, length: 4, url: "tg://resolve?domain=x" },
    ]);
  });
});
