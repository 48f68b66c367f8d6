import { Long, type tl } from "@mtcute/node";
import {
  type FormattedText as BotApiFormattedText,
  EntityParseError,
  type MessageEntity,
  parseMarkdownV2 as parseToBotApiEntities,
} from "@topicdesk/telegram-format";
import { badRequest } from "../call-refusal.ts";
import type { FormattedText } from "./formatted-text.ts";

/**
 * The Bot API's MarkdownV2 into plain text plus MTProto entities, for texts a session sends on
 * delivery's behalf (welcomes, notices and cards are written in MarkdownV2 for the Bot API). The
 * parsing is `@topicdesk/telegram-format`'s, the one the simulator checks bots' texts with; markup
 * the Bot API refuses is refused with its words (a 400), so both transports fail the same way.
 */
export function parseMarkdownV2(input: string): FormattedText {
  let parsed: BotApiFormattedText;
  try {
    parsed = parseToBotApiEntities(input);
  } catch (error) {
    if (error instanceof EntityParseError) throw badRequest(error.message);
    throw error;
  }
  return { text: parsed.text, entities: parsed.entities.flatMap(toMtprotoEntity) };
}

type Simple = "bold" | "italic" | "underline" | "strikethrough" | "spoiler" | "code" | "blockquote";

/** The entities that carry nothing but their place, by name in each API. */
const SIMPLE: Readonly<Record<Simple, tl.TypeMessageEntity["_"]>> = {
  bold: "messageEntityBold",
  italic: "messageEntityItalic",
  underline: "messageEntityUnderline",
  strikethrough: "messageEntityStrike",
  spoiler: "messageEntitySpoiler",
  code: "messageEntityCode",
  blockquote: "messageEntityBlockquote",
};

/** One Bot API entity as MTProto has it; none for kinds MarkdownV2 cannot write. */
function toMtprotoEntity(entity: MessageEntity): tl.TypeMessageEntity[] {
  const { offset, length } = entity;
  switch (entity.type) {
    case "pre":
      return [{ _: "messageEntityPre", offset, length, language: entity.language ?? "" }];
    case "text_link":
      return [{ _: "messageEntityTextUrl", offset, length, url: entity.url }];
    case "custom_emoji":
      return [
        {
          _: "messageEntityCustomEmoji",
          offset,
          length,
          documentId: Long.fromString(entity.custom_emoji_id),
        },
      ];
    case "expandable_blockquote":
      return [{ _: "messageEntityBlockquote", offset, length, collapsed: true }];
    default:
      if (entity.type in SIMPLE) {
        return [{ _: SIMPLE[entity.type as Simple], offset, length } as tl.TypeMessageEntity];
      }
      return [];
  }
}
