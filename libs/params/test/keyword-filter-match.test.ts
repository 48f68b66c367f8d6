import { type KeywordFilter, matchesKeywords, parseKeywordFilter } from "../src/index.ts";

function filter(input: string): KeywordFilter {
  const result = parseKeywordFilter(input);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

const reference = filter('"word1", "word2", ["word3","word4"], ["word5","~word6"]');

describe("matching a message against a keyword filter", () => {
  it.each([
    ["a text with word1 in it", true],
    ["word2", true],
    ["word3 and word4", true],
    ["word4 before word3", true],
    ["only word3", false],
    ["only word4", false],
    ["word5 alone", true],
    ["word5 with word6", false],
    ["nothing relevant", false],
    ["", false],
  ])("the reference example: %j → %s", (text, expected) => {
    expect(matchesKeywords(reference, text)).toBe(expected);
  });

  it("ignores case in Latin text", () => {
    expect(matchesKeywords(filter('"Help"'), "HELP me")).toBe(true);
  });

  it("ignores case in Cyrillic text, both in the keyword and in the message", () => {
    const operator = filter('"ОПЕРАТОР"');
    expect(matchesKeywords(operator, "Позовите оператора, пожалуйста")).toBe(true);
    expect(matchesKeywords(filter('"ёлка"'), "ЁЛКА")).toBe(true);
  });

  it("matches substrings, so one keyword catches inflected and compound forms", () => {
    expect(matchesKeywords(filter('"help"'), "that was helpful")).toBe(true);
    expect(matchesKeywords(filter('"оператор"'), "операторы")).toBe(true);
  });

  it("matches phrases with their spaces", () => {
    const phrase = filter('"call operator"');
    expect(matchesKeywords(phrase, "please call operator now")).toBe(true);
    expect(matchesKeywords(phrase, "operator, call me")).toBe(false);
  });

  it("excludes by substring too: a negated word vetoes its group wherever it appears", () => {
    const priced = filter('["price","~free"]');
    expect(matchesKeywords(priced, "price list")).toBe(true);
    expect(matchesKeywords(priced, "price? is it FREE?")).toBe(false);
    expect(matchesKeywords(priced, "price of freedom")).toBe(false);
  });

  it("lets another group match when one group is vetoed", () => {
    expect(matchesKeywords(filter('["price","~free"], "free"'), "free price")).toBe(true);
  });

  it("folds full-width and styled letters used to dodge word filters", () => {
    const phone = filter('"phone"');
    expect(matchesKeywords(phone, "my ｐｈｏｎｅ is")).toBe(true);
    expect(matchesKeywords(phone, "my 𝐩𝐡𝐨𝐧𝐞 is")).toBe(true);
  });

  it("matches emoji keywords", () => {
    expect(matchesKeywords(filter('"🆘"'), "help 🆘")).toBe(true);
  });
});
