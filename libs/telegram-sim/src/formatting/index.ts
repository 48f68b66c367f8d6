import type { MessageEntity } from "@grammyjs/types";
import { badRequest } from "../errors.ts";
import { detectEntities } from "./auto-entities.ts";
import { parseHtml } from "./html.ts";
import { parseLegacyMarkdown } from "./markdown-legacy.ts";
import { parseMarkdownV2 } from "./markdown-v2.ts";
import { type FormattedText, sortEntities } from "./shared.ts";

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
  ["MarkdownV2", parseMarkdownV2],
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
