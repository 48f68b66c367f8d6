/**
 * What never reaches a log line: credentials (bot tokens, webhook secrets, MTProto sessions,
 * passwords), message bodies (`text`, `caption`: we do not keep what clients write) and phone
 * numbers clients share.
 *
 * Redaction works on the finished JSON line rather than with pino's `redact` paths: paths match
 * fixed positions (a wildcard spans one level, arrays need their own paths), so "a `text` anywhere"
 * needs dozens of wildcard paths that cost ~50 µs per line, and still miss child-logger bindings
 * and deeper nesting. Walking the line costs ~5 µs, and nothing when no suspicious word occurs.
 */
export const CENSOR = "[redacted]";

const SENSITIVE_KEYS = new Set([
  "text",
  "caption",
  "authorization",
  "cookie",
  "session",
  "phone",
  "phone_number",
  "sharedownphone",
]);
/** Any key containing these words: token, botToken, secret_token, secretKey, x-telegram-bot-api-secret-token … */
const SENSITIVE_WORDS = ["token", "secret", "password"];

export function isSensitiveKey(key: string): boolean {
  const lower = key.toLowerCase();
  return SENSITIVE_KEYS.has(lower) || SENSITIVE_WORDS.some((word) => lower.includes(word));
}

/** Matches every line that might hold something to redact (a superset of the rules above). */
const SUSPICIOUS = /token|secret|password|text|caption|authorization|cookie|session|phone|\/bot\d/i;

/**
 * Bot API URLs contain the token (`https://api.telegram.org/bot<token>/sendMessage`, also file
 * download URLs), and network errors quote the URL they failed on.
 */
const BOT_TOKEN_IN_URL = /\/bot\d+:[A-Za-z0-9_-]+/g;

export function redactBotToken(url: string): string {
  return url.replace(BOT_TOKEN_IN_URL, "/bot[redacted]");
}

/** pino `streamWrite` hook: the line with sensitive values replaced; untouched when nothing is suspicious. */
export function redactLogLine(line: string): string {
  if (!SUSPICIOUS.test(line)) return line;
  return `${JSON.stringify(redactValue(JSON.parse(line)))}\n`;
}

/** Deeper than any log record should be; cut rather than risk printing what lies below. */
const MAX_DEPTH = 10;

function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactBotToken(value);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return "[truncated]";
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  const redacted: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    redacted[key] = isSensitiveKey(key) ? CENSOR : redactValue(item, depth + 1);
  }
  return redacted;
}
