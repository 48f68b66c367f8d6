import { type KeywordFilter, type KeywordGroup, normalizeForMatching } from "./keyword-filter.ts";

/**
 * Whether a message text passes the filter. Words match as substrings (the reference product says
 * "contains"): `"help"` also matches "helpful", and `"оператор"` matches "оператора", which is what
 * makes one keyword catch the inflected forms of Russian and other languages.
 */
export function matchesKeywords(filter: KeywordFilter, text: string): boolean {
  const haystack = normalizeForMatching(text);
  return filter.anyOf.some((group) => groupMatches(group, haystack));
}

function groupMatches(group: KeywordGroup, haystack: string): boolean {
  return (
    group.mustContain.every((term) => haystack.includes(term.needle)) &&
    !group.mustNotContain.some((term) => haystack.includes(term.needle))
  );
}
