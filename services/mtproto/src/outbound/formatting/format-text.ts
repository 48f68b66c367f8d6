import { thtml } from "@mtcute/html-parser";
import type { tl } from "@mtcute/node";
import { badRequest } from "../call-refusal.ts";
import type { FormattedText, UrlButton } from "./formatted-text.ts";
import { parseMarkdownV2 } from "./markdown-v2.ts";

/**
 * A text in one of the Bot API's parse modes, as MTProto needs it. HTML goes through mtcute's
 * `thtml`, which reads the Bot API's HTML (keeping whitespace as written); MarkdownV2 through our
 * parser (mtcute's markdown is another dialect). Without a parse mode the text is sent as written.
 */
export function formatText(text: string, parseMode: "MarkdownV2" | "HTML" | undefined): FormattedText {
  if (parseMode === "MarkdownV2") return parseMarkdownV2(text);
  if (parseMode === "HTML") {
    let parsed: { text: string; entities?: tl.TypeMessageEntity[] | undefined };
    try {
      parsed = thtml(text);
    } catch (error) {
      throw badRequest(`can't parse entities: ${error instanceof Error ? error.message : "invalid HTML"}`);
    }
    return { text: parsed.text, entities: parsed.entities ?? [] };
  }
  return { text, entities: [] };
}

/**
 * An account cannot send inline keyboards (only bots can), so URL buttons become links at the end
 * of the text: one line per row, buttons of a row separated by " · ", each label a text link.
 */
export function appendLinkButtons(formatted: FormattedText, rows: readonly UrlButton[][]): FormattedText {
  let text = `${formatted.text}\n`;
  const entities = [...formatted.entities];
  for (const row of rows) {
    text += "\n";
    row.forEach((button, index) => {
      if (index > 0) text += " · ";
      entities.push({
        _: "messageEntityTextUrl",
        offset: text.length,
        length: button.text.length,
        url: button.url,
      });
      text += button.text;
    });
  }
  return { text, entities };
}
