import { CallRefusal } from "../src/outbound/call-refusal.ts";
import { appendLinkButtons, formatText } from "../src/outbound/formatting/format-text.ts";
import { parseMarkdownV2 } from "../src/outbound/formatting/markdown-v2.ts";

/** Entities without mtcute's Long values, for readable expectations. */
const plain = (input: string) => {
  const { text, entities } = parseMarkdownV2(input);
  return { text, entities: entities.map((entity) => JSON.parse(JSON.stringify(entity))) };
};

describe("MarkdownV2 into MTProto entities", () => {
  test("a welcome with bold, italic, a link and escapes", () => {
    expect(plain("*Hello*, _Jane_\\! See [our FAQ](https://example.com/faq?a=1\\)) \\- thanks\\.")).toEqual({
      text: "Hello, Jane! See our FAQ - thanks.",
      entities: [
        { _: "messageEntityBold", offset: 0, length: 5 },
        { _: "messageEntityItalic", offset: 7, length: 4 },
        { _: "messageEntityTextUrl", offset: 17, length: 7, url: "https://example.com/faq?a=1)" },
      ],
    });
  });

  test("nested, underline read greedily, strike, spoiler, code and pre with its language", () => {
    expect(plain("*bold _both_*__under__~gone~||secret||`a\\`b````ts\nlet x = 1;```")).toEqual({
      text: "bold bothundergonesecreta`blet x = 1;",
      entities: [
        { _: "messageEntityBold", offset: 0, length: 9 },
        { _: "messageEntityItalic", offset: 5, length: 4 },
        { _: "messageEntityUnderline", offset: 9, length: 5 },
        { _: "messageEntityStrike", offset: 14, length: 4 },
        { _: "messageEntitySpoiler", offset: 18, length: 6 },
        { _: "messageEntityCode", offset: 24, length: 3 },
        { _: "messageEntityPre", offset: 27, length: 10, language: "ts" },
      ],
    });
  });

  test("quotations, plain and expandable", () => {
    expect(plain(">quoted\n>twice\nafter\n**>hidden\n>more||\nend")).toEqual({
      text: "quoted\ntwice\nafter\nhidden\nmore\nend",
      entities: [
        { _: "messageEntityBlockquote", offset: 0, length: 12 },
        { _: "messageEntityBlockquote", offset: 19, length: 11, collapsed: true },
      ],
    });
  });

  test("offsets count UTF-16 units, like Telegram's", () => {
    expect(plain("👋 *Hi*").entities).toEqual([{ _: "messageEntityBold", offset: 3, length: 2 }]);
  });

  test("a custom emoji keeps its document id", () => {
    const [entity] = parseMarkdownV2("![👍](tg://emoji?id=5368324170671202286)").entities;
    expect(entity?._).toBe("messageEntityCustomEmoji");
    expect(entity?._ === "messageEntityCustomEmoji" && entity.documentId.toString()).toBe(
      "5368324170671202286",
    );
  });

  test.each([
    ["Thanks.", "Character '.' is reserved and must be escaped with the preceding '\\'"],
    ["*open", "Can't find end of Bold entity at byte offset 0"],
    ["`code", "Can't find end of Code entity at byte offset 0"],
    ["[a](http://x", "Can't find end of a URL at byte offset 3"],
  ])("markup the Bot API refuses is refused the same way: %s", (input, reason) => {
    let refusal: unknown;
    try {
      parseMarkdownV2(input);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(CallRefusal);
    expect((refusal as CallRefusal).callError).toEqual({
      code: 400,
      description: `Bad Request: can't parse entities: ${reason}`,
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
