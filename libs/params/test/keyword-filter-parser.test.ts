import { type KeywordFilter, parseKeywordFilter } from "../src/index.ts";

function parsed(input: string): KeywordFilter {
  const result = parseKeywordFilter(input);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** The filter as plain word lists, which is what these tests care about. */
function shape(input: string): { all: string[]; none: string[] }[] {
  return parsed(input).anyOf.map((group) => ({
    all: group.mustContain.map((term) => term.word),
    none: group.mustNotContain.map((term) => term.word),
  }));
}

function errorOf(input: string, options = { allowGroups: true }): string {
  const result = parseKeywordFilter(input, options);
  if (result.ok) throw new Error(`expected "${input}" to be rejected`);
  return result.error;
}

describe("the keyword filter syntax", () => {
  it("reads the reference example as four alternatives: two words, an AND group and an AND-NOT group", () => {
    expect(shape('"word1", "word2", ["word3","word4"], ["word5","~word6"]')).toEqual([
      { all: ["word1"], none: [] },
      { all: ["word2"], none: [] },
      { all: ["word3", "word4"], none: [] },
      { all: ["word5"], none: ["word6"] },
    ]);
  });

  it("accepts a single word", () => {
    expect(shape('"help"')).toEqual([{ all: ["help"], none: [] }]);
  });

  it("ignores spacing and line breaks between items", () => {
    expect(shape('  "a" ,\n[ "b" , "~c" ]  ')).toEqual([
      { all: ["a"], none: [] },
      { all: ["b"], none: ["c"] },
    ]);
  });

  it("keeps several words and several exclusions of one group", () => {
    expect(shape('["a","~x","b","~y"]')).toEqual([{ all: ["a", "b"], none: ["x", "y"] }]);
  });

  it("keeps phrases with spaces and punctuation as one word", () => {
    expect(shape('"call operator", "@gmail.com", "+7 (9"')).toEqual([
      { all: ["call operator"], none: [] },
      { all: ["@gmail.com"], none: [] },
      { all: ["+7 (9"], none: [] },
    ]);
  });

  it("keeps brackets and commas inside quotes as text, not syntax", () => {
    expect(shape('"[a, b]"')).toEqual([{ all: ["[a, b]"], none: [] }]);
  });

  it("reads an escaped tilde as a word starting with a tilde, not a negation", () => {
    expect(shape('["a","\\~b"]')).toEqual([{ all: ["a", "~b"], none: [] }]);
  });

  it("reads escaped quotes inside a word", () => {
    expect(shape('"say \\"hi\\""')).toEqual([{ all: ['say "hi"'], none: [] }]);
  });

  it("accepts Cyrillic words and keeps them as written", () => {
    expect(shape('"Оператор", ["цена","~бесплатно"]')).toEqual([
      { all: ["Оператор"], none: [] },
      { all: ["цена"], none: ["бесплатно"] },
    ]);
  });

  it("accepts the typographic quotes of phone keyboards", () => {
    expect(shape("“help”, [“price”,“~free”]")).toEqual([
      { all: ["help"], none: [] },
      { all: ["price"], none: ["free"] },
    ]);
  });

  it("stores a lower-case needle for matching next to the word as written", () => {
    expect(parsed('"ЦЕНА"').anyOf[0].mustContain[0]).toEqual({ word: "ЦЕНА", needle: "цена" });
  });

  describe("rejects malformed input, naming the position", () => {
    it.each([
      ["", "got an empty value"],
      ["   ", "got an empty value"],
      ['"a", ["b","c"', 'the "[" at position 6 is never closed'],
      ['"a", ["b",', 'the "[" at position 6 is never closed'],
      ["[", 'the "[" at position 1 is never closed'],
      ['"a"]', 'the "]" at position 4 has no matching "["'],
      ['"a", ]', 'the "]" at position 6 has no matching "["'],
      ['"a", "b', "the quote at position 6 is never closed"],
      ['["a]', "the quote at position 2 is never closed"],
      ["[]", "the group at position 1 is empty"],
      ['"a", [ ]', "the group at position 6 is empty"],
      ['["a",["b"]]', 'groups cannot be nested ("[" at position 6)'],
      ['"~"', '"~" at position 1 needs a word after it'],
      ['["a","~"]', '"~" at position 6 needs a word after it'],
      ['["a","~  "]', '"~" at position 6 needs a word after it'],
      ['""', "the word at position 1 is empty"],
      ['"a", "  "', "the word at position 6 is empty"],
      [
        '"~spam"',
        'a "~" word (position 1) only works in a group with a word to match, e.g. ["price","~free"]',
      ],
      ['["~a","~b"]', 'the group at position 1 needs at least one word without "~"'],
      ['"a" "b"', "a comma is missing before position 5"],
      ['["a" "b"]', "a comma is missing before position 6"],
      ['"a" ["b"]', "a comma is missing before position 5"],
      ['"a",', "nothing follows the comma at position 4"],
      ['["a",]', "nothing follows the comma at position 5"],
      [',"a"', "nothing comes before the comma at position 1"],
      ['"a",,"b"', "nothing comes before the comma at position 5"],
      ['[,"a"]', "nothing comes before the comma at position 2"],
      ["help", 'help (position 1) must be in double quotes: "help"'],
      ['["a", b]', 'b (position 7) must be in double quotes: "b"'],
    ])("%j → %s", (input, error) => {
      expect(errorOf(input)).toBe(error);
    });
  });

  describe("as a plain word list (groups turned off, for restricted words)", () => {
    it("accepts quoted words separated by commas", () => {
      const result = parseKeywordFilter('"@gmail.com", "+7"', { allowGroups: false });
      expect(result.ok && result.value.anyOf.map((group) => group.mustContain[0].word)).toEqual([
        "@gmail.com",
        "+7",
      ]);
    });

    it("rejects a group, pointing at its bracket", () => {
      expect(errorOf('"a", ["b","c"]', { allowGroups: false })).toBe(
        'groups in [ ] are not allowed here ("[" at position 6); list the words separated by commas',
      );
    });

    it("rejects a lone negation, which would block every message without the word", () => {
      expect(errorOf('"~a"', { allowGroups: false })).toMatch(/only works in a group/);
    });
  });
});
