/**
 * Every character Telegram's MarkdownV2 reserves. The backslash is included too: a client named
 * `a\b` would otherwise lose the backslash, because `\b` is read as an escaped `b`.
 */
const reserved = /[_*[\]()~`>#+\-=|{}.!\\]/g;

/** Makes any text (a client's name, a group title) safe to put into a MarkdownV2 message as plain text. */
export function escapeMarkdownV2(text: string): string {
  return text.replace(reserved, "\\$&");
}
