import type { MessageEntity } from "@grammyjs/types";
import { byteOffset, entityError, type FormattedText, linkEntity } from "./shared.ts";

/**
 * parse_mode "MarkdownV2": every reserved character outside an entity must be escaped with "\\",
 * the classic source of production failures ("Character '.' is reserved ...").
 */
const MARKDOWN_V2_RESERVED = new Set("_*[]()~`>#+-=|{}.!".split(""));

interface OpenMarker {
  kind: "bold" | "italic" | "underline" | "strikethrough" | "spoiler" | "link";
  start: number;
  byte: number;
}

const MARKER_NAMES: Record<OpenMarker["kind"], string> = {
  bold: "Bold",
  italic: "Italic",
  underline: "Underline",
  strikethrough: "Strikethrough",
  spoiler: "Spoiler",
  link: "TextUrl",
};

/** Reads until an unescaped `terminator`, unescaping `\x` pairs; returns [content, index after]. */
function readEscapedUntil(input: string, from: number, terminator: string): [string, number] | undefined {
  let out = "";
  let i = from;
  while (i < input.length) {
    if (input[i] === "\\" && i + 1 < input.length) {
      out += input[i + 1];
      i += 2;
      continue;
    }
    if (input.startsWith(terminator, i)) return [out, i + terminator.length];
    out += input[i];
    i += 1;
  }
  return undefined;
}

export function parseMarkdownV2(input: string): FormattedText {
  let text = "";
  const entities: MessageEntity[] = [];
  const stack: OpenMarker[] = [];
  let quoteStart: number | undefined;
  let atLineStart = true;
  let i = 0;

  const toggle = (kind: OpenMarker["kind"], width: number): void => {
    const index = stack.findLastIndex((m) => m.kind === kind);
    if (index === -1) {
      stack.push({ kind, start: text.length, byte: byteOffset(input, i) });
    } else {
      const [open] = stack.splice(index, 1);
      if (open && kind !== "link")
        entities.push({ type: kind, offset: open.start, length: text.length - open.start });
    }
    i += width;
  };

  while (i < input.length) {
    const ch = input[i] ?? "";
    if (atLineStart) {
      atLineStart = false;
      if (ch === ">") {
        quoteStart ??= text.length;
        i += 1;
        continue;
      }
      if (quoteStart !== undefined) {
        // The previous line ended the quotation (its newline is not part of the entity).
        entities.push({ type: "blockquote", offset: quoteStart, length: text.length - 1 - quoteStart });
        quoteStart = undefined;
      }
    }
    if (ch === "\\") {
      const next = input[i + 1];
      if (next === undefined)
        throw entityError(`Character '\\' is reserved and must be escaped with the preceding '\\'`);
      text += next;
      i += 2;
      continue;
    }
    if (ch === "`") {
      const isPre = input.startsWith("```", i);
      const start = i;
      const found = readEscapedUntil(input, i + (isPre ? 3 : 1), isPre ? "```" : "`");
      if (!found) {
        throw entityError(
          `Can't find end of ${isPre ? "Pre" : "Code"} entity at byte offset ${byteOffset(input, start)}`,
        );
      }
      let [content] = found;
      let language: string | undefined;
      if (isPre) {
        const newline = content.indexOf("\n");
        const firstLine = newline === -1 ? "" : content.slice(0, newline);
        if (newline !== -1 && /^[\w+#.-]*$/.test(firstLine)) {
          language = firstLine || undefined;
          content = content.slice(newline + 1);
        }
      }
      const offset = text.length;
      text += content;
      entities.push(
        isPre
          ? { type: "pre", offset, length: content.length, ...(language ? { language } : {}) }
          : { type: "code", offset, length: content.length },
      );
      i = found[1];
      continue;
    }
    if (ch === "*") {
      toggle("bold", 1);
      continue;
    }
    if (ch === "_") {
      if (input[i + 1] === "_") toggle("underline", 2);
      else toggle("italic", 1);
      continue;
    }
    if (ch === "~") {
      toggle("strikethrough", 1);
      continue;
    }
    if (ch === "|" && input[i + 1] === "|") {
      toggle("spoiler", 2);
      continue;
    }
    if (ch === "[") {
      stack.push({ kind: "link", start: text.length, byte: byteOffset(input, i) });
      i += 1;
      continue;
    }
    if (ch === "]" && stack.some((m) => m.kind === "link")) {
      if (input[i + 1] !== "(")
        throw entityError(`Character ']' is reserved and must be escaped with the preceding '\\'`);
      const found = readEscapedUntil(input, i + 2, ")");
      if (!found) throw entityError(`Can't find end of a URL at byte offset ${byteOffset(input, i + 1)}`);
      const index = stack.findLastIndex((m) => m.kind === "link");
      const [open] = stack.splice(index, 1);
      if (open) entities.push(linkEntity(found[0])(open.start, text.length - open.start));
      i = found[1];
      continue;
    }
    if (MARKDOWN_V2_RESERVED.has(ch)) {
      throw entityError(`Character '${ch}' is reserved and must be escaped with the preceding '\\'`);
    }
    if (ch === "\n") atLineStart = true;
    text += ch;
    i += 1;
  }
  if (quoteStart !== undefined)
    entities.push({ type: "blockquote", offset: quoteStart, length: text.length - quoteStart });
  const unclosed = stack[0];
  if (unclosed) {
    throw entityError(
      `Can't find end of ${MARKER_NAMES[unclosed.kind]} entity at byte offset ${unclosed.byte}`,
    );
  }
  return { text, entities };
}
