/**
 * What a receiver of a command event wants shown in the topic: `{"message": "…"}` (the
 * reference's success answer, `status` optional) or `{"error": "…"}`. Anything else shows nothing.
 */
export function commandAnswerText(answer: unknown): string | undefined {
  if (typeof answer !== "object" || answer === null) return undefined;
  const { message, error } = answer as { message?: unknown; error?: unknown };
  if (typeof message === "string" && message.trim().length > 0) return fitted(message.trim());
  if (typeof error === "string" && error.trim().length > 0) return fitted(`⚠️ ${error.trim()}`);
  return undefined;
}

/** Telegram's limit for one message. */
const MAX_TEXT = 4096;

/** Cut to Telegram's limit (counted in UTF-16 units, as Telegram counts), never inside a surrogate pair. */
function fitted(text: string): string {
  if (text.length <= MAX_TEXT) return text;
  return `${text.slice(0, MAX_TEXT - 1).replace(/[\uD800-\uDBFF]$/, "")}…`;
}
