import { type ListToken, tokenizeList } from "../src/list-syntax/list-tokenizer.ts";

function tokens(input: string): readonly ListToken[] {
  const result = tokenizeList(input);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe("the list tokenizer", () => {
  it("splits the reference keyword example into quotes, commas and brackets with their positions", () => {
    expect(tokens('"a", ["b","~c"]')).toEqual([
      { kind: "quoted", text: "a", raw: "a", position: 1 },
      { kind: "comma", position: 4 },
      { kind: "open", position: 6 },
      { kind: "quoted", text: "b", raw: "b", position: 7 },
      { kind: "comma", position: 10 },
      { kind: "quoted", text: "~c", raw: "~c", position: 11 },
      { kind: "close", position: 15 },
    ]);
  });

  it("reads unquoted runs as bare tokens, ending at spaces, commas, brackets and quotes", () => {
    expect(tokens("777000 -100123,42")).toEqual([
      { kind: "bare", text: "777000", position: 1 },
      { kind: "bare", text: "-100123", position: 8 },
      { kind: "comma", position: 15 },
      { kind: "bare", text: "42", position: 16 },
    ]);
  });

  it("keeps spaces, commas and brackets inside quotes as part of the word", () => {
    expect(tokens('"call, [the] operator"')).toEqual([
      { kind: "quoted", text: "call, [the] operator", raw: "call, [the] operator", position: 1 },
    ]);
  });

  it("takes the character after a backslash literally inside quotes", () => {
    const [token] = tokens('"say \\"hi\\" \\\\ \\~"');
    expect(token).toMatchObject({ kind: "quoted", text: 'say "hi" \\ ~' });
  });

  it("accepts the typographic quotes that phone keyboards substitute for straight ones", () => {
    expect(
      tokens("“one”, „two“, «three»").map((token) => (token.kind === "quoted" ? token.text : ",")),
    ).toEqual(["one", ",", "two", ",", "three"]);
  });

  it("counts positions in characters, so an emoji before a problem does not shift it", () => {
    expect(tokens('"👍", "x"')[2]).toMatchObject({ kind: "quoted", position: 6 });
  });

  it("treats newlines and non-breaking spaces as whitespace", () => {
    expect(tokens('"a",\n\u00a0"b"')).toHaveLength(3);
  });

  it("reports a quote that is never closed, with its position", () => {
    expect(tokenizeList('"a", "b')).toEqual({ ok: false, error: "the quote at position 6 is never closed" });
  });

  it("reports a quote whose closing mark is escaped away", () => {
    expect(tokenizeList('"a\\"')).toEqual({ ok: false, error: "the quote at position 1 is never closed" });
  });

  it("returns no tokens for blank input", () => {
    expect(tokens("  \n ")).toEqual([]);
  });
});
