import { parseParameter, resolveParameters } from "../src/index.ts";

const expects = "WELCOME expects Markdown v2 text, with {title} for the client's name, or OFF to send none";

describe("the WELCOME parameter", () => {
  it("defaults to an English greeting with the client's name, escaped for Markdown v2", () => {
    expect(resolveParameters({}).values.WELCOME).toBe(
      "Hello, {title}\\! Describe your question and we will answer as soon as possible\\.",
    );
  });

  it("is turned off by OFF in any case", () => {
    expect(parseParameter("WELCOME", "OFF")).toEqual({ ok: true, value: null });
    expect(parseParameter("WELCOME", " off ")).toEqual({ ok: true, value: null });
  });

  it("keeps a valid Markdown v2 text, trimmed", () => {
    expect(parseParameter("WELCOME", "  *Hi* {title}\\!\n_Write us_  ")).toEqual({
      ok: true,
      value: "*Hi* {title}\\!\n_Write us_",
    });
  });

  it.each([
    ["links, whose address needs no escaping", "See [our site](https://example.com/a-b.html?x=1)\\."],
    ["links with formatted, escaped text", "[*Site* \\[1\\]](https://example.com)"],
    ["inline code, where only ` and \\ are escaped", "Use `/start a.b-c!`"],
    ["code blocks", "```\nx = 1 + 2.\n```"],
    ["quotes at the start of a line", "> quoted text\n**> expandable"],
    ["custom emoji", "![👍](tg://emoji?id=5368324170671202286) hi"],
    ["Cyrillic text", "Здравствуйте, {title}\\! Мы скоро ответим\\."],
  ])("accepts %s", (_what, template) => {
    expect(parseParameter("WELCOME", template)).toEqual({ ok: true, value: template });
  });

  it.each([
    ["Hello, {title}!", '"!" at position 15 must be escaped as "\\!" (Markdown v2)'],
    ["Hi. {title}", '"." at position 3 must be escaped as "\\." (Markdown v2)'],
    ["Open 9-18", '"-" at position 7 must be escaped as "\\-" (Markdown v2)'],
    ["Hi (there\\)", '"(" at position 4 must be escaped as "\\(" (Markdown v2)'],
    ["Hi {name}", '"{" at position 4 must be escaped as "\\{" (Markdown v2)'],
    ["a > b", '">" at position 3 must be escaped as "\\>" (Markdown v2)'],
    ["#1 #+=", '"#" at position 1 must be escaped as "\\#" (Markdown v2)'],
    ["Use `code", "the code span at position 5 is never closed"],
    ["```\ncode", "the code block at position 1 is never closed"],
    ["[site](https://x", "the link address at position 7 is never closed"],
    ["trailing \\", 'the "\\" at position 10 escapes nothing'],
    ["[[", '"[" at position 1 must be escaped as "\\[" (Markdown v2), or start a link: [text](address)'],
    [
      "see [docs]",
      '"[" at position 5 must be escaped as "\\[" (Markdown v2), or start a link: [text](address)',
    ],
    ["a ] b", '"]" at position 3 must be escaped as "\\]" (Markdown v2)'],
    ["   ", "got an empty value"],
  ])("rejects %j: %s", (template, problem) => {
    expect(parseParameter("WELCOME", template)).toEqual({ ok: false, error: `${expects}; ${problem}` });
  });

  it("rejects a text longer than one Telegram message", () => {
    const result = parseParameter("WELCOME", "a".repeat(4097));
    expect(result).toEqual({
      ok: false,
      error: `${expects}; the text has 4097 characters; Telegram allows 4096`,
    });
  });
});
