import { fail, type ParseResult, succeed } from "../parse-result.ts";

/**
 * Characters that MarkdownV2 never uses unescaped outside code and link addresses. Telegram refuses
 * the whole message ("can't parse entities") when one appears, so a template with one would break
 * every welcome; it is caught here, when the parameter is set, instead.
 */
const alwaysReserved = new Set(["#", "+", "-", "=", ".", "!", "{", "}", "(", ")", ">", "]"]);
const placeholder = "{title}";

/**
 * Checks the mistakes that make Telegram reject a MarkdownV2 text: unescaped reserved characters,
 * a `[` that opens no link, and unclosed code spans or link addresses. It does not check that
 * `*bold*`-style markers are balanced; that would need Telegram's full entity parser.
 */
export function checkMarkdownV2Template(template: string): ParseResult<string> {
  const chars = Array.from(template);
  let index = 0;
  while (index < chars.length) {
    const step = stepOver(chars, index);
    if (!step.ok) return step;
    index = step.value;
  }
  return succeed(template);
}

/** Returns the index after the construct that starts at `index`, or the problem with it. */
function stepOver(chars: readonly string[], index: number): ParseResult<number> {
  const char = chars[index] ?? "";
  if (char === "\\") {
    return index + 1 < chars.length
      ? succeed(index + 2)
      : fail(`the "\\" at position ${index + 1} escapes nothing`);
  }
  if (startsWith(chars, index, placeholder)) return succeed(index + placeholder.length);
  if (startsWith(chars, index, "```")) return skipPast(chars, index, "```", "code block");
  if (char === "`") return skipPast(chars, index, "`", "code span");
  if (startsWith(chars, index, "](")) return skipPast(chars, index + 1, ")", "link address");
  if (char === "[") return startsLink(chars, index) ? succeed(index + 1) : fail(unescapedBracket(index));
  if (isAllowedHere(chars, index)) return succeed(index + 1);
  return fail(`"${char}" at position ${index + 1} must be escaped as "\\${char}" (Markdown v2)`);
}

function isAllowedHere(chars: readonly string[], index: number): boolean {
  const char = chars[index] ?? "";
  if (!alwaysReserved.has(char)) return true;
  // `![👍](tg://emoji?id=…)` is a custom emoji; `>` at the start of a line (or after `**`) is a quote.
  if (char === "!") return chars[index + 1] === "[";
  if (char === ">")
    return isLineStart(chars, index) || (startsWith(chars, index - 2, "**") && isLineStart(chars, index - 2));
  return false;
}

/** An unescaped `[` must open link text that continues with `](address)`; the text itself is scanned as usual. */
function startsLink(chars: readonly string[], index: number): boolean {
  let scan = index + 1;
  while (scan < chars.length && chars[scan] !== "]") scan += chars[scan] === "\\" ? 2 : 1;
  return chars[scan] === "]" && chars[scan + 1] === "(";
}

function unescapedBracket(index: number): string {
  return `"[" at position ${index + 1} must be escaped as "\\[" (Markdown v2), or start a link: [text](address)`;
}

/** Skips a code span, code block or link address to its closing mark; inside, `\` still escapes. */
function skipPast(chars: readonly string[], start: number, close: string, what: string): ParseResult<number> {
  const openLength = close.length === 3 ? 3 : 1;
  let index = start + openLength;
  while (index < chars.length) {
    if (chars[index] === "\\") index += 2;
    else if (startsWith(chars, index, close)) return succeed(index + close.length);
    else index += 1;
  }
  return fail(`the ${what} at position ${start + 1} is never closed`);
}

function startsWith(chars: readonly string[], index: number, text: string): boolean {
  if (index < 0) return false;
  return Array.from(text).every((char, offset) => chars[index + offset] === char);
}

function isLineStart(chars: readonly string[], index: number): boolean {
  return index === 0 || chars[index - 1] === "\n";
}
