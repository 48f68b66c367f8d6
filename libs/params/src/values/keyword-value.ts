import type { KeywordFilter } from "../keywords/keyword-filter.ts";
import { type KeywordSyntaxOptions, parseKeywordFilter } from "../keywords/keyword-filter-parser.ts";
import { type ParseResult, succeed } from "../parse-result.ts";
import { isOffOrNone } from "./off-value.ts";

/** A keyword filter or word list; `null` (OFF) means no filter: every message passes. */
export function parseKeywordValue(
  raw: string,
  options: KeywordSyntaxOptions,
): ParseResult<KeywordFilter | null> {
  return isOffOrNone(raw) ? succeed(null) : parseKeywordFilter(raw, options);
}
