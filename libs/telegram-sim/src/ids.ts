import { randomBytes } from "node:crypto";

/**
 * Identifier generators. Values imitate the look of Telegram's (large numbers, opaque base64url
 * file ids with the real type prefixes) so code that accidentally relies on small or equal ids
 * (for example update_id == message_id) fails here just as it would in production.
 */

/** Telegram file_id prefixes per media type (the first bytes encode the file type). */
const FILE_ID_PREFIX = {
  photo: "AgACAgIAAxkBAAI",
  video: "BAACAgIAAxkBAAI",
  animation: "CgACAgIAAxkBAAI",
  audio: "CQACAgIAAxkBAAI",
  voice: "AwACAgIAAxkBAAI",
  video_note: "DQACAgIAAxkBAAI",
  document: "BQACAgIAAxkBAAI",
  sticker: "CAACAgIAAxkBAAI",
  thumbnail: "AAMCAgADGQEAAg",
} as const;

export type FileIdKind = keyof typeof FILE_ID_PREFIX;

export function newFileId(kind: FileIdKind): string {
  return FILE_ID_PREFIX[kind] + randomBytes(45).toString("base64url");
}

export function newFileUniqueId(): string {
  return `AQAD${randomBytes(10).toString("base64url")}`;
}

export class Sequence {
  #next: number;

  constructor(start: number) {
    this.#next = start;
  }

  next(): number {
    const value = this.#next;
    this.#next += 1;
    return value;
  }
}

/** Numeric strings like Telegram's media_group_id / poll id (kept below 2^53). */
export class NumericStringSequence {
  #seq: Sequence;

  constructor(start: number) {
    this.#seq = new Sequence(start);
  }

  next(): string {
    return String(this.#seq.next());
  }
}
