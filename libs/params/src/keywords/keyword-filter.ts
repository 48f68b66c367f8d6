/**
 * A parsed keyword filter: `"a", "b", ["c","d"], ["e","~f"]` means a OR b OR (c AND d) OR (e AND
 * NOT f). Parsed once when the parameter is read, so matching a message is a few substring checks.
 */
export interface KeywordFilter {
  /** The text matches when any group matches. */
  readonly anyOf: readonly [KeywordGroup, ...KeywordGroup[]];
}

/** A group matches when the text contains every `mustContain` word and none of `mustNotContain`. */
export interface KeywordGroup {
  /** Never empty: a group of only `~` words would match almost every message. */
  readonly mustContain: readonly [KeywordTerm, ...KeywordTerm[]];
  readonly mustNotContain: readonly KeywordTerm[];
}

export interface KeywordTerm {
  /** As the user wrote it (shown back in help and the API). */
  readonly word: string;
  /** The form compared against message text; see `normalizeForMatching`. */
  readonly needle: string;
}

/**
 * Case-insensitive in every script (Cyrillic included). NFKC also folds look-alike forms that
 * evade word filters (full-width `ｐｈｏｎｅ`, mathematical bold letters, ligatures) into plain ones.
 */
export function normalizeForMatching(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}
