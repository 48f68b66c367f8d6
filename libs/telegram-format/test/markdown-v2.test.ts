import { EntityParseError, parseMarkdownV2 } from "../src/index.ts";

function refusalOf(input: string): unknown {
  try {
    parseMarkdownV2(input);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("MarkdownV2 into text and Bot API entities", () => {
  test("a welcome with bold, italic, a link and escapes", () => {
    expect(
      parseMarkdownV2("*Hello*, _Jane_\\! See [our FAQ](https://example.com/faq?a=1\\)) \\- thanks\\."),
    ).toEqual({
      text: "Hello, Jane! See our FAQ - thanks.",
      entities: [
        { type: "bold", offset: 0, length: 5 },
        { type: "italic", offset: 7, length: 4 },
        { type: "text_link", offset: 17, length: 7, url: "https://example.com/faq?a=1)" },
      ],
    });
  });

  test("nested, underline read greedily, strikethrough, spoiler, code and pre with its language", () => {
    expect(parseMarkdownV2("*bold _both_*__under__~gone~||secret||`a\\`b````ts\nlet x = 1;```")).toEqual({
      text: "bold bothundergonesecreta`blet x = 1;",
      entities: [
        { type: "bold", offset: 0, length: 9 },
        { type: "italic", offset: 5, length: 4 },
        { type: "underline", offset: 9, length: 5 },
        { type: "strikethrough", offset: 14, length: 4 },
        { type: "spoiler", offset: 18, length: 6 },
        { type: "code", offset: 24, length: 3 },
        { type: "pre", offset: 27, length: 10, language: "ts" },
      ],
    });
  });

  test("a pre block without a language line has no language", () => {
    expect(parseMarkdownV2("```let x;```")).toEqual({
      text: "let x;",
      entities: [{ type: "pre", offset: 0, length: 6 }],
    });
  });

  test("quotations, plain and expandable", () => {
    expect(parseMarkdownV2(">quoted\n>twice\nafter\n**>hidden\n>more||\nend")).toEqual({
      text: "quoted\ntwice\nafter\nhidden\nmore\nend",
      entities: [
        { type: "blockquote", offset: 0, length: 12 },
        { type: "expandable_blockquote", offset: 19, length: 11 },
      ],
    });
  });

  test("offsets count UTF-16 units, like Telegram's", () => {
    expect(parseMarkdownV2("👋 *Hi*").entities).toEqual([{ type: "bold", offset: 3, length: 2 }]);
  });

  test("a custom emoji keeps its id", () => {
    expect(parseMarkdownV2("![👍](tg://emoji?id=5368324170671202286)").entities).toEqual([
      { type: "custom_emoji", offset: 0, length: 2, custom_emoji_id: "5368324170671202286" },
    ]);
  });

  test("empty markup leaves no entity", () => {
    expect(parseMarkdownV2("a**b____c||||d")).toEqual({ text: "abcd", entities: [] });
  });

  test.each([
    ["Thanks.", "Character '.' is reserved and must be escaped with the preceding '\\'"],
    ["Price: 5!", "Character '!' is reserved and must be escaped with the preceding '\\'"],
    ["trailing \\", "Character '\\' is reserved and must be escaped with the preceding '\\'"],
    ["*open", "Can't find end of Bold entity at byte offset 0"],
    ["é _open", "Can't find end of Italic entity at byte offset 3"],
    ["`code", "Can't find end of Code entity at byte offset 0"],
    ["[a](http://x", "Can't find end of a URL at byte offset 3"],
    ["[a] b", "Character ']' is reserved and must be escaped with the preceding '\\'"],
    ["![a](https://x)", "Custom emoji entity must contain a tg://emoji URL"],
  ])("markup the Bot API refuses is refused with its words: %s", (input, reason) => {
    const refusal = refusalOf(input);
    expect(refusal).toBeInstanceOf(EntityParseError);
    expect((refusal as EntityParseError).reason).toBe(reason);
    expect((refusal as EntityParseError).message).toBe(`can't parse entities: ${reason}`);
  });
});
