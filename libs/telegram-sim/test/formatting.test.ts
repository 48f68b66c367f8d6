import { BotApiError } from "../src/errors.ts";
import { detectEntities, formatText } from "../src/formatting/index.ts";

function parseError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof BotApiError) return error.description;
    throw error;
  }
  throw new Error("expected a parse error");
}

describe("parse_mode HTML", () => {
  test("nested tags, links, pre with language and HTML entities", () => {
    const { text, entities } = formatText(
      '<b>Hi <i>Jane</i></b> &amp; <a href="https://x.example/?a=1&amp;b=2">link</a>\n<pre><code class="language-ts">let x</code></pre>',
      "HTML",
      undefined,
    );
    expect(text).toBe("Hi Jane & link\nlet x");
    expect(entities).toEqual([
      { type: "bold", offset: 0, length: 7 },
      { type: "italic", offset: 3, length: 4 },
      { type: "text_link", offset: 10, length: 4, url: "https://x.example/?a=1&b=2" },
      { type: "pre", offset: 15, length: 5, language: "ts" },
    ]);
  });

  test("offsets count UTF-16 code units; errors give UTF-8 byte offsets", () => {
    const { entities } = formatText("😀 <u>ok</u>", "HTML", undefined);
    expect(entities).toEqual([{ type: "underline", offset: 3, length: 2 }]);
    expect(parseError(() => formatText("😀 <div>x</div>", "HTML", undefined))).toBe(
      'Bad Request: can\'t parse entities: Unsupported start tag "div" at byte offset 5',
    );
    expect(parseError(() => formatText("<b>open", "HTML", undefined))).toBe(
      "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"",
    );
  });
});

describe("parse_mode MarkdownV2", () => {
  test("styles, links and escapes", () => {
    const { text, entities } = formatText(
      "*bold* _it_ __under__ ~s~ ||sp|| `c\\`` [l](https://a.b/\\)) 1\\.5",
      "MarkdownV2",
      undefined,
    );
    expect(text).toBe("bold it under s sp c` l 1.5");
    expect(entities.map((e) => e.type)).toEqual([
      "bold",
      "italic",
      "underline",
      "strikethrough",
      "spoiler",
      "code",
      "text_link",
    ]);
    expect(entities.find((e) => e.type === "text_link")).toMatchObject({ url: "https://a.b/)" });
  });

  test("reserved characters must be escaped and entities closed", () => {
    expect(parseError(() => formatText("Price: 5!", "MarkdownV2", undefined))).toBe(
      "Bad Request: can't parse entities: Character '!' is reserved and must be escaped with the preceding '\\'",
    );
    expect(parseError(() => formatText("*bold", "MarkdownV2", undefined))).toBe(
      "Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 0",
    );
  });
});

describe("automatic entities", () => {
  test("commands, mentions, hashtags, urls and emails are detected like Telegram clients do", () => {
    const text = "/start@desk_bot hi @jane_doe #order42 see https://shop.example/a?b=1. mail me@x.io";
    expect(detectEntities(text).map((e) => [e.type, text.slice(e.offset, e.offset + e.length)])).toEqual([
      ["bot_command", "/start@desk_bot"],
      ["mention", "@jane_doe"],
      ["hashtag", "#order42"],
      ["url", "https://shop.example/a?b=1"],
      ["email", "me@x.io"],
    ]);
  });

  test("explicit entities win over detection", () => {
    const explicit = [{ type: "code" as const, offset: 0, length: 6 }];
    expect(detectEntities("/start", explicit)).toEqual(explicit);
  });
});
