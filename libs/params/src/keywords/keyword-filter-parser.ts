import type { ListToken } from "../list-syntax/list-tokenizer.ts";
import { tokenizeList } from "../list-syntax/list-tokenizer.ts";
import { TokenCursor } from "../list-syntax/token-cursor.ts";
import { fail, type ParseResult, succeed } from "../parse-result.ts";
import {
  type KeywordFilter,
  type KeywordGroup,
  type KeywordTerm,
  normalizeForMatching,
} from "./keyword-filter.ts";

export interface KeywordSyntaxOptions {
  /**
   * Whether `[...]` groups are allowed. The restricted-word lists are plain OR lists in the
   * reference product, so they are parsed by this same parser with groups turned off.
   */
  readonly allowGroups: boolean;
}

type QuotedToken = ListToken & { kind: "quoted" };
interface Term extends KeywordTerm {
  readonly negated: boolean;
}

/**
 * Parses `"word1", "word2", ["word3","word4"], ["word5","~word6"]`. Errors name the position of the
 * problem (1-based, in characters) so the user can find it in the value they typed.
 */
export function parseKeywordFilter(
  input: string,
  options: KeywordSyntaxOptions = { allowGroups: true },
): ParseResult<KeywordFilter> {
  if (input.trim() === "") return fail("got an empty value");
  const tokens = tokenizeList(input);
  if (!tokens.ok) return tokens;
  const cursor = new TokenCursor(tokens.value);
  const first = parseItem(cursor, options);
  if (!first.ok) return first;
  const groups: [KeywordGroup, ...KeywordGroup[]] = [first.value];
  while (!cursor.atEnd) {
    const separator = expectComma(cursor);
    if (!separator.ok) return separator;
    const item = parseItem(cursor, options);
    if (!item.ok) return item;
    groups.push(item.value);
  }
  return succeed({ anyOf: groups });
}

/** Consumes the comma between two items; the item after it must exist. */
function expectComma(cursor: TokenCursor): ParseResult<true> {
  const token = cursor.next();
  if (token === undefined) return succeed(true);
  if (token.kind === "close") return fail(unmatchedClose(token));
  if (token.kind !== "comma") return fail(`a comma is missing before position ${token.position}`);
  if (cursor.atEnd) return fail(`nothing follows the comma at position ${token.position}`);
  return succeed(true);
}

function parseItem(cursor: TokenCursor, options: KeywordSyntaxOptions): ParseResult<KeywordGroup> {
  const token = cursor.next();
  if (token === undefined) return fail("got an empty value");
  switch (token.kind) {
    case "quoted": {
      const term = termOf(token);
      return term.ok ? groupOf([term.value], token.position, false) : term;
    }
    case "open":
      return options.allowGroups
        ? parseGroup(cursor, token.position)
        : fail(
            `groups in [ ] are not allowed here ("[" at position ${token.position}); list the words separated by commas`,
          );
    default:
      return fail(misplaced(token));
  }
}

function parseGroup(cursor: TokenCursor, openPosition: number): ParseResult<KeywordGroup> {
  if (cursor.peek()?.kind === "close") return fail(`the group at position ${openPosition} is empty`);
  const terms: Term[] = [];
  for (;;) {
    const token = cursor.next();
    if (token === undefined) return fail(neverClosed(openPosition));
    if (token.kind === "open") return fail(`groups cannot be nested ("[" at position ${token.position})`);
    if (token.kind !== "quoted") return fail(misplaced(token));
    const term = termOf(token);
    if (!term.ok) return term;
    terms.push(term.value);
    const after = cursor.next();
    if (after === undefined) return fail(neverClosed(openPosition));
    if (after.kind === "close") return groupOf(terms, openPosition, true);
    if (after.kind !== "comma") return fail(`a comma is missing before position ${after.position}`);
    const following = cursor.peek();
    if (following?.kind === "close") return fail(`nothing follows the comma at position ${after.position}`);
  }
}

/** `"~word"` negates; the raw text decides, so an escaped `"\~word"` is a literal tilde. */
function termOf(token: QuotedToken): ParseResult<Term> {
  const negated = token.raw.startsWith("~");
  const word = negated ? token.text.slice(1) : token.text;
  if (word.trim() === "") {
    return fail(
      negated
        ? `"~" at position ${token.position} needs a word after it`
        : `the word at position ${token.position} is empty`,
    );
  }
  return succeed({ word, needle: normalizeForMatching(word), negated });
}

function groupOf(terms: readonly Term[], position: number, bracketed: boolean): ParseResult<KeywordGroup> {
  const [first, ...rest] = terms.filter((term) => !term.negated).map(plainTerm);
  if (first === undefined) {
    return fail(
      bracketed
        ? `the group at position ${position} needs at least one word without "~"`
        : `a "~" word (position ${position}) only works in a group with a word to match, e.g. ["price","~free"]`,
    );
  }
  const mustNotContain = terms.filter((term) => term.negated).map(plainTerm);
  return succeed({ mustContain: [first, ...rest], mustNotContain });
}

function plainTerm(term: Term): KeywordTerm {
  return { word: term.word, needle: term.needle };
}

function misplaced(token: ListToken): string {
  switch (token.kind) {
    case "comma":
      return `nothing comes before the comma at position ${token.position}`;
    case "close":
      return unmatchedClose(token);
    case "bare":
      return `${token.text} (position ${token.position}) must be in double quotes: "${token.text}"`;
    default:
      return `unexpected "${token.kind === "open" ? "[" : token.kind}" at position ${token.position}`;
  }
}

function unmatchedClose(token: ListToken): string {
  return `the "]" at position ${token.position} has no matching "["`;
}

function neverClosed(openPosition: number): string {
  return `the "[" at position ${openPosition} is never closed`;
}
