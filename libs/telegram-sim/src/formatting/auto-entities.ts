import type { MessageEntity } from "@grammyjs/types";
import { sortEntities } from "./shared.ts";

const AUTO_PATTERNS: Array<[MessageEntity.CommonMessageEntity["type"], RegExp]> = [
  ["url", /\bhttps?:\/\/[^\s<>"]*[^\s<>".,;:!?)]/giu],
  ["email", /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu],
  ["bot_command", /(?<=^|\s)\/[a-zA-Z0-9_]{1,64}(?:@[a-zA-Z0-9_]{3,32})?(?=$|[\s.,!?;:])/gu],
  ["mention", /(?<=^|[^\w@/.])@[a-zA-Z0-9_]{4,32}\b/gu],
  ["hashtag", /(?<=^|[^\w#])#[\p{L}\p{N}_]*[\p{L}_][\p{L}\p{N}_]*/gu],
];

/** Telegram adds url/email/bot_command/mention/hashtag entities on its own, formatting or not. */
export function detectEntities(text: string, existing: MessageEntity[] = []): MessageEntity[] {
  const result = [...existing];
  for (const [type, pattern] of AUTO_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const offset = match.index;
      const length = match[0].length;
      const overlaps = result.some((e) => offset < e.offset + e.length && e.offset < offset + length);
      if (!overlaps) result.push({ type, offset, length });
    }
  }
  return sortEntities(result);
}
