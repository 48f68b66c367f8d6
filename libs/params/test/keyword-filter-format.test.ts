import { formatKeywordFilter, type KeywordFilter, parseKeywordFilter } from "../src/index.ts";

function filter(input: string): KeywordFilter {
  const result = parseKeywordFilter(input);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** A tiny deterministic generator, so the round-trip property is checked on the same cases every run. */
function* randomWords(seed: number): Generator<string> {
  const alphabet = ["a", "Б", " ", '"', "\\", "~", ",", "[", "]", "“", "»", "ё", "1"];
  let state = seed;
  for (;;) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const length = 1 + (state % 5);
    let word = "";
    for (let index = 0; index < length; index += 1) {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      word += alphabet[state % alphabet.length];
    }
    if (word.trim() !== "" && word.replace(/^~/, "").trim() !== "") yield word;
  }
}

describe("writing a keyword filter back as text", () => {
  it("writes the reference example in its canonical form", () => {
    const text = '"word1", "word2", ["word3","word4"], ["word5","~word6"]';
    expect(formatKeywordFilter(filter(text))).toBe(text);
  });

  it("normalises spacing and puts a group's exclusions after its words", () => {
    expect(formatKeywordFilter(filter('[ "~x" , "a" ]'))).toBe('["a","~x"]');
  });

  it("escapes quotes, backslashes and a leading tilde so the text reads back the same", () => {
    const tricky = filter('"say \\"hi\\"", "back\\\\slash", ["\\~tilde","~x"]');
    expect(formatKeywordFilter(tricky)).toBe('"say \\"hi\\"", "back\\\\slash", ["\\~tilde","~x"]');
    expect(filter(formatKeywordFilter(tricky))).toEqual(tricky);
  });

  it("reads back every generated filter to the same filter (round trip)", () => {
    const words = randomWords(42);
    for (let round = 0; round < 200; round += 1) {
      const first = words.next().value as string;
      const second = words.next().value as string;
      const original: KeywordFilter = {
        anyOf: [
          {
            mustContain: [{ word: first, needle: first.normalize("NFKC").toLowerCase() }],
            mustNotContain: [],
          },
          {
            mustContain: [{ word: second, needle: second.normalize("NFKC").toLowerCase() }],
            mustNotContain: [{ word: first, needle: first.normalize("NFKC").toLowerCase() }],
          },
        ],
      };
      expect(filter(formatKeywordFilter(original))).toEqual(original);
    }
  });
});
