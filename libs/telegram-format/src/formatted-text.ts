import type { MessageEntity } from "@grammyjs/types";

/**
 * Plain text with the Bot API's entities, what Telegram stores for a text sent with a parse mode.
 * Offsets and lengths are UTF-16 code units (JavaScript string indexes), as in both of Telegram's
 * APIs.
 */
export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

/**
 * Markup Telegram would refuse. `reason` is Telegram's own wording (`Character '.' is reserved …`,
 * `Can't find end of Bold entity at byte offset 0`); each caller wraps it into its transport's
 * error, `Bad Request: can't parse entities: <reason>`.
 */
export class EntityParseError extends Error {
  readonly reason: string;

  constructor(reason: string) {
    super(`can't parse entities: ${reason}`);
    this.name = "EntityParseError";
    this.reason = reason;
  }
}
