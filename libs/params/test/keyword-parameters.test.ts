import { matchesKeywords, parseParameter, resolveParameters } from "../src/index.ts";

const keywordExpects = (name: string) =>
  `${name} expects keywords like "help", ["call","operator"], ["price","~free"], or OFF for no filter`;
const restrictedExpects = (name: string) =>
  `${name} expects words in double quotes separated by commas (e.g. "@gmail.com", "+7"), or OFF for none`;

const filters = ["PRIVATE_KEYWORDS", "GROUPS_KEYWORDS", "CHANNELS_KEYWORDS"] as const;
const restricted = ["RESTRICTED_KEYWORDS_FRONTEND", "RESTRICTED_KEYWORDS_BACKEND"] as const;

describe.each(filters)("the %s filter", (name) => {
  it("is off by default (null: every message passes)", () => {
    expect(resolveParameters({}).values[name]).toBeNull();
  });

  it.each(["OFF", "off", "NONE"])("is turned off by %j", (raw) => {
    expect(parseParameter(name, raw)).toEqual({ ok: true, value: null });
  });

  it("reads the full keyword syntax into a filter that matches", () => {
    const result = parseParameter(name, '"help", ["call","operator"], ["price","~free"]');
    if (!result.ok || result.value === null) throw new Error("expected a filter");
    expect(matchesKeywords(result.value, "Call the OPERATOR")).toBe(true);
    expect(matchesKeywords(result.value, "free price")).toBe(false);
  });

  it("names itself, what it expects and the position of a syntax error", () => {
    expect(parseParameter(name, '"help", ["call"')).toEqual({
      ok: false,
      error: `${keywordExpects(name)}; the "[" at position 9 is never closed`,
    });
  });
});

describe.each(restricted)("the %s word list", (name) => {
  it("is off by default", () => {
    expect(resolveParameters({}).values[name]).toBeNull();
  });

  it("is turned off by OFF", () => {
    expect(parseParameter(name, "OFF")).toEqual({ ok: true, value: null });
  });

  it("reads a quoted list in which any word matches", () => {
    const result = parseParameter(name, '"@gmail.com", "+7"');
    if (!result.ok || result.value === null) throw new Error("expected a filter");
    expect(matchesKeywords(result.value, "write to me at X@GMAIL.COM")).toBe(true);
    expect(matchesKeywords(result.value, "call +7 900")).toBe(true);
    expect(matchesKeywords(result.value, "no contacts here")).toBe(false);
  });

  it("rejects a keyword group, since restricted lists are plain OR lists", () => {
    expect(parseParameter(name, '"a", ["b","c"]')).toEqual({
      ok: false,
      error: `${restrictedExpects(name)}; groups in [ ] are not allowed here ("[" at position 6); list the words separated by commas`,
    });
  });

  it("rejects unquoted words", () => {
    expect(parseParameter(name, "phone")).toEqual({
      ok: false,
      error: `${restrictedExpects(name)}; phone (position 1) must be in double quotes: "phone"`,
    });
  });
});
