import { fail, type ParseResult, succeed } from "../parse-result.ts";

/**
 * Tokens of the list syntax every list parameter shares (`"a", "b", ["c","~d"]`, `777000 123`).
 * Positions are 1-based and count characters (code points), as a person counts them in the value
 * they typed, so error messages can point at the right place even after emoji.
 */
export type ListToken =
  | { readonly kind: "quoted"; readonly text: string; readonly raw: string; readonly position: number }
  | { readonly kind: "bare"; readonly text: string; readonly position: number }
  | { readonly kind: "comma" | "open" | "close"; readonly position: number };

/**
 * Telegram apps on iOS and macOS replace typed `"` with typographic quotes ("smart punctuation"),
 * and other keyboards produce „…“ or «…». Values arrive as chat messages, so all of these count.
 */
const openingQuotes = new Set(['"', "“", "”", "„", "«"]);
const closingQuotes = new Set(['"', "“", "”", "»"]);
const punctuation = new Map<string, "comma" | "open" | "close">([
  [",", "comma"],
  ["[", "open"],
  ["]", "close"],
]);

interface TokenRead {
  readonly token: ListToken;
  readonly next: number;
}

export function tokenizeList(input: string): ParseResult<readonly ListToken[]> {
  const chars = Array.from(input);
  const tokens: ListToken[] = [];
  let index = 0;
  while (index < chars.length) {
    const char = chars[index] ?? "";
    const kind = punctuation.get(char);
    if (isWhitespace(char)) {
      index += 1;
    } else if (kind !== undefined) {
      tokens.push({ kind, position: index + 1 });
      index += 1;
    } else {
      const read = openingQuotes.has(char) ? readQuoted(chars, index) : succeed(readBare(chars, index));
      if (!read.ok) return read;
      tokens.push(read.value.token);
      index = read.value.next;
    }
  }
  return succeed(tokens);
}

/** Inside quotes a backslash takes the next character literally: `\"`, `\\`, and `\~` for a word that starts with a tilde. */
function readQuoted(chars: readonly string[], start: number): ParseResult<TokenRead> {
  let text = "";
  let index = start + 1;
  while (index < chars.length) {
    const char = chars[index] ?? "";
    if (closingQuotes.has(char)) {
      const raw = chars.slice(start + 1, index).join("");
      return succeed({ token: { kind: "quoted", text, raw, position: start + 1 }, next: index + 1 });
    }
    if (char === "\\" && index + 1 < chars.length) {
      text += chars[index + 1] ?? "";
      index += 2;
    } else {
      text += char;
      index += 1;
    }
  }
  return fail(`the quote at position ${start + 1} is never closed`);
}

function readBare(chars: readonly string[], start: number): TokenRead {
  let index = start;
  while (index < chars.length && !endsBareWord(chars[index] ?? "")) index += 1;
  const text = chars.slice(start, index).join("");
  return { token: { kind: "bare", text, position: start + 1 }, next: index };
}

function endsBareWord(char: string): boolean {
  return isWhitespace(char) || punctuation.has(char) || openingQuotes.has(char);
}

function isWhitespace(char: string): boolean {
  return /^\s$/u.test(char);
}
