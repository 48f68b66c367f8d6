import type { MessageEntity } from "@grammyjs/types";
import { type BotApiError, badRequest } from "../errors.ts";

/** Pieces every parse mode uses. Offsets are UTF-16 code units (JavaScript string indexes). */
export type { FormattedText } from "@topicdesk/telegram-format";

export type EntityBuilder = (offset: number, length: number) => MessageEntity;

export function entityError(reason: string): BotApiError {
  return badRequest(`can't parse entities: ${reason}`);
}

export function byteOffset(input: string, index: number): number {
  return Buffer.byteLength(input.slice(0, index), "utf8");
}

export function simple(type: MessageEntity.CommonMessageEntity["type"]): EntityBuilder {
  return (offset, length) => ({ type, offset, length });
}

export function linkEntity(url: string): EntityBuilder {
  return (offset, length) => ({ type: "text_link", offset, length, url });
}

export function sortEntities(entities: MessageEntity[]): MessageEntity[] {
  return entities.filter((e) => e.length > 0).sort((a, b) => a.offset - b.offset || b.length - a.length);
}
