import type { KeywordFilter, KeywordGroup, KeywordTerm } from "./keyword-filter.ts";

/** Writes a filter back in the syntax it was parsed from (canonical spacing), e.g. for the API and help. */
export function formatKeywordFilter(filter: KeywordFilter): string {
  return filter.anyOf.map(formatGroup).join(", ");
}

function formatGroup(group: KeywordGroup): string {
  const [first, ...rest] = group.mustContain;
  if (rest.length === 0 && group.mustNotContain.length === 0) return quote(first.word, false);
  const words = [
    ...group.mustContain.map((term: KeywordTerm) => quote(term.word, false)),
    ...group.mustNotContain.map((term) => quote(term.word, true)),
  ];
  return `[${words.join(",")}]`;
}

function quote(word: string, negated: boolean): string {
  // Closing quotes include the typographic ones the tokenizer accepts, so they are escaped too.
  const escaped = word.replace(/[\\"“”»]/gu, "\\$&");
  // A word that itself starts with "~" is escaped so it is not read back as a negation.
  const literal = escaped.startsWith("~") ? `\\${escaped}` : escaped;
  return `"${negated ? "~" : ""}${literal}"`;
}
