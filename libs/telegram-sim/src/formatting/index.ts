import type { MessageEntity } from "@grammyjs/types";
import { EntityParseError, parseMarkdownV2 } from "@topicdesk/telegram-format";
import { badRequest } from "../errors.ts";
import { detectEntities } from "./auto-entities.ts";
import { parseHtml } from "./html.ts";
import { parseLegacyMarkdown } from "./markdown-legacy.ts";
import { entityError, type FormattedText, sortEntities } from "./shared.ts";

export type { FormattedText };
/**
 * Text formatting like Telegram does it: `parse_mode` (HTML, MarkdownV2, legacy Markdown) is
 * turned into plain text plus entities, and malformed markup is refused with Telegram's
 * "can't parse entities" error. Escaping bugs are the most common way a bot breaks in
 * production, so the simulator must catch them instead of storing the raw markup.
 */
export { detectEntities };

const PARSERS = new Map<string, (input: string) => FormattedText>([
  ["HTML", parseHtml],
  // The parser the mtproto service sends with (`@topicdesk/telegram-format`), refused in the Bot API's words.
  ["MarkdownV2", refusedAsBadRequest(parseMarkdownV2)],
  ["Markdown", parseLegacyMarkdown],
]);

/** Turns `text` + `parse_mode` (or explicit `entities`, which win) into what Telegram stores. */
export function formatText(
  input: string,
  parseMode: string | undefined,
  explicit: MessageEntity[] | undefined,
): FormattedText {
  let parsed: FormattedText = { text: input, entities: explicit ?? [] };
  if ((!explicit || explicit.length === 0) && parseMode) {
    const parse = PARSERS.get(parseMode);
    if (!parse) throw badRequest("unsupported parse_mode");
    parsed = parse(input);
  }
  return { text: parsed.text, entities: detectEntities(parsed.text, sortEntities(parsed.entities)) };
}

function refusedAsBadRequest(parse: (input: string) => FormattedText): (input: string) => FormattedText {
  return (input) => {
    try {
      return parse(input);
    } catch (error) {
      if (error instanceof EntityParseError) throw entityError(error.reason);
      throw error;
    }
  };
}
