/**
 * A t.me link to a message in a supergroup, for people who are members: `t.me/c/<id>/<message>`,
 * with the topic in between for topic messages. The id is the chat id without Telegram's `-100`.
 */
export function messageLink(chatId: number, messageId: number, threadId: number | null): string {
  const internalId = String(chatId).replace(/^-100/, "");
  return threadId === null
    ? `https://t.me/c/${internalId}/${messageId}`
    : `https://t.me/c/${internalId}/${threadId}/${messageId}`;
}
