/**
 * A bot token as @BotFather issues it: the bot's id, a colon, and a secret of 35 characters (longer
 * ones are accepted for self-hosted Bot API servers). The same rule as TOPICDESK_BOT_TOKEN.
 */
export const BOT_TOKEN_PATTERN = /^[0-9]{1,20}:[A-Za-z0-9_-]{35,}$/;

export function isBotTokenFormat(text: string): boolean {
  return BOT_TOKEN_PATTERN.test(text);
}

/**
 * A token as it may be shown to people and logs: the bot id stays (it is public, it is the bot's
 * user id), the secret becomes its last two characters, enough to tell two tokens apart.
 */
export function maskBotToken(token: string): string {
  const colon = token.indexOf(":");
  if (colon < 0) return "…";
  return `${token.slice(0, colon)}:…${token.slice(-2)}`;
}
