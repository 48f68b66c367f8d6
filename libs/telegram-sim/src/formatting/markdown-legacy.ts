import type { MessageEntity } from "@grammyjs/types";
import type { BotApiError } from "../errors.ts";
import { byteOffset, entityError, type FormattedText } from "./shared.ts";

/** parse_mode "Markdown" (legacy): *bold*, _italic_, `code`, ```pre``` and [text](url), no nesting. */
export function parseLegacyMarkdown(input: string): FormattedText {
  let text = "";
  const entities: MessageEntity[] = [];
  let i = 0;
  const unclosed = (at: number): BotApiError =>
    entityError(`Can't find end of the entity starting at byte offset ${byteOffset(input, at)}`);
  while (i < input.length) {
    const ch = input[i] ?? "";
    if (ch === "\\" && "_*`[".includes(input[i + 1] ?? " ")) {
      text += input[i + 1];
      i += 2;
      continue;
    }
    if (ch === "*" || ch === "_") {
      const close = input.indexOf(ch, i + 1);
      if (close === -1) throw unclosed(i);
      const content = input.slice(i + 1, close);
      entities.push({ type: ch === "*" ? "bold" : "italic", offset: text.length, length: content.length });
      text += content;
      i = close + 1;
      continue;
    }
    if (ch === "`") {
      const isPre = input.startsWith("```", i);
      const marker = isPre ? "```" : "`";
      const close = input.indexOf(marker, i + marker.length);
      if (close === -1) throw unclosed(i);
      const content = input.slice(i + marker.length, close);
      entities.push({ type: isPre ? "pre" : "code", offset: text.length, length: content.length });
      text += content;
      i = close + marker.length;
      continue;
    }
    if (ch === "[") {
      const match = input.slice(i).match(/^\[([^\]]*)\]\(([^)]*)\)/);
      if (!match) throw unclosed(i);
      const label = match[1] ?? "";
      entities.push({ type: "text_link", offset: text.length, length: label.length, url: match[2] ?? "" });
      text += label;
      i += match[0].length;
      continue;
    }
    text += ch;
    i += 1;
  }
  return { text, entities };
}
