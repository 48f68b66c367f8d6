import type { MessageEntity } from "@grammyjs/types";
import { EntityParseError, type FormattedText } from "./formatted-text.ts";

/**
 * The Bot API's MarkdownV2 (https://core.telegram.org/bots/api#markdownv2-style) into plain text
 * plus the Bot API's entities. Every reserved character outside an entity must be escaped with
 * "\\", the classic source of production failures ("Character '.' is reserved ..."), so markup the
 * Bot API refuses is refused here with its words. The simulator stores what it returns (and so
 * catches escaping bugs in tests); the mtproto service sends it through a session. No maintained
 * JavaScript parser of MarkdownV2 into entities exists (mtcute's markdown is another dialect).
 */

const RESERVED = new Set("_*[]()~`>#+-=|{}.!");

type Toggle = "bold" | "italic" | "underline" | "strikethrough" | "spoiler";
type Marker = Toggle | "link" | "emoji";

/** Telegram's names of the entities in its "Can't find end of … entity" refusals. */
const NAME_OF: Readonly<Record<Marker, string>> = {
  bold: "Bold",
  italic: "Italic",
  underline: "Underline",
  strikethrough: "Strikethrough",
  spoiler: "Spoiler",
  link: "TextUrl",
  emoji: "CustomEmoji",
};

interface OpenMarker {
  kind: Marker;
  /** Where its text starts in the output. */
  start: number;
  /** Where it was opened in the input (for the refusal's byte offset). */
  at: number;
}

export function parseMarkdownV2(input: string): FormattedText {
  let text = "";
  const entities: MessageEntity[] = [];
  const open: OpenMarker[] = [];
  let quote: { start: number; expandable: boolean } | undefined;
  let atLineStart = true;
  let i = 0;

  const byteOffset = (index: number) => Buffer.byteLength(input.slice(0, index), "utf8");
  const closeQuote = (end: number) => {
    if (quote) {
      const type = quote.expandable ? "expandable_blockquote" : "blockquote";
      entities.push({ type, offset: quote.start, length: end - quote.start });
    }
    quote = undefined;
  };
  const toggle = (kind: Toggle, width: number) => {
    const index = open.findLastIndex((marker) => marker.kind === kind);
    if (index === -1) {
      open.push({ kind, start: text.length, at: i });
    } else {
      const [marker] = open.splice(index, 1);
      if (marker) entities.push({ type: kind, offset: marker.start, length: text.length - marker.start });
    }
    i += width;
  };

  while (i < input.length) {
    const ch = input[i] ?? "";
    if (atLineStart) {
      atLineStart = false;
      if (quote === undefined && input.startsWith("**>", i)) {
        quote = { start: text.length, expandable: true };
        i += 3;
        continue;
      }
      if (ch === ">") {
        quote ??= { start: text.length, expandable: false };
        i += 1;
        continue;
      }
      // A line without ">" ends the quotation; the newline before it is not quoted.
      closeQuote(text.length - 1);
    }
    if (ch === "\\") {
      const next = input[i + 1];
      if (next === undefined) throw reserved("\\");
      text += next;
      i += 2;
      continue;
    }
    if (ch === "`") {
      const code = readCode(input, i);
      entities.push(code.entity(text.length));
      text += code.content;
      i = code.next;
      continue;
    }
    if (ch === "*") {
      toggle("bold", 1);
      continue;
    }
    if (ch === "_") {
      // "__" is always underline, read greedily left to right (as the Bot API does).
      if (input[i + 1] === "_") toggle("underline", 2);
      else toggle("italic", 1);
      continue;
    }
    if (ch === "~") {
      toggle("strikethrough", 1);
      continue;
    }
    if (ch === "|" && input[i + 1] === "|") {
      const endsLine = i + 2 === input.length || input[i + 2] === "\n";
      if (quote?.expandable && endsLine && !open.some((marker) => marker.kind === "spoiler")) {
        // "||" at the end of an expandable quotation's line closes the quotation.
        closeQuote(text.length);
        i += 2;
        continue;
      }
      toggle("spoiler", 2);
      continue;
    }
    if (ch === "!" && input[i + 1] === "[") {
      open.push({ kind: "emoji", start: text.length, at: i });
      i += 2;
      continue;
    }
    if (ch === "[") {
      open.push({ kind: "link", start: text.length, at: i });
      i += 1;
      continue;
    }
    const linkIndex = open.findLastIndex((marker) => marker.kind === "link" || marker.kind === "emoji");
    if (ch === "]" && linkIndex !== -1) {
      if (input[i + 1] !== "(") throw reserved("]");
      const found = readUntil(input, i + 2, ")");
      if (!found) throw new EntityParseError(`Can't find end of a URL at byte offset ${byteOffset(i + 1)}`);
      const [marker] = open.splice(linkIndex, 1);
      if (marker) entities.push(linkEntity(marker, text.length, found.content));
      i = found.next;
      continue;
    }
    if (RESERVED.has(ch)) throw reserved(ch);
    if (ch === "\n") atLineStart = true;
    text += ch;
    i += 1;
  }
  closeQuote(text.length);
  const unclosed = open[0];
  if (unclosed) {
    throw new EntityParseError(
      `Can't find end of ${NAME_OF[unclosed.kind]} entity at byte offset ${byteOffset(unclosed.at)}`,
    );
  }
  // Telegram keeps no empty entity ("**" is no bold); outer entities come before inner ones.
  const kept = entities.filter((entity) => entity.length > 0);
  return { text, entities: kept.sort((a, b) => a.offset - b.offset || b.length - a.length) };
}

function reserved(ch: string): EntityParseError {
  return new EntityParseError(`Character '${ch}' is reserved and must be escaped with the preceding '\\'`);
}

/** Reads up to an unescaped `terminator` ("\x" is x); undefined when there is none. */
function readUntil(
  input: string,
  from: number,
  terminator: string,
): { content: string; next: number } | undefined {
  let content = "";
  for (let at = from; at < input.length; ) {
    if (input[at] === "\\" && at + 1 < input.length) {
      content += input[at + 1];
      at += 2;
    } else if (input.startsWith(terminator, at)) {
      return { content, next: at + terminator.length };
    } else {
      content += input[at];
      at += 1;
    }
  }
  return undefined;
}

/** "`code`" or "```lang\npre```" starting at `at`: its text, its entity, and where the input goes on. */
function readCode(
  input: string,
  at: number,
): { content: string; next: number; entity: (offset: number) => MessageEntity } {
  const isPre = input.startsWith("```", at);
  const found = readUntil(input, at + (isPre ? 3 : 1), isPre ? "```" : "`");
  if (!found) {
    const offset = Buffer.byteLength(input.slice(0, at), "utf8");
    throw new EntityParseError(`Can't find end of ${isPre ? "Pre" : "Code"} entity at byte offset ${offset}`);
  }
  if (!isPre) {
    const { content, next } = found;
    return { content, next, entity: (offset) => ({ type: "code", offset, length: content.length }) };
  }
  // The first line names the language when it is a bare word ("```ts\n…").
  const newline = found.content.indexOf("\n");
  const firstLine = newline === -1 ? "" : found.content.slice(0, newline);
  const named = newline !== -1 && /^[\w+#.-]*$/.test(firstLine);
  const content = named ? found.content.slice(newline + 1) : found.content;
  const language = named && firstLine !== "" ? { language: firstLine } : {};
  return {
    content,
    next: found.next,
    entity: (offset) => ({ type: "pre", offset, length: content.length, ...language }),
  };
}

function linkEntity(marker: OpenMarker, end: number, url: string): MessageEntity {
  const offset = marker.start;
  const length = end - marker.start;
  if (marker.kind === "link") return { type: "text_link", offset, length, url };
  const id = /^tg:\/\/emoji\?id=(\d+)$/.exec(url)?.[1];
  if (id === undefined) throw new EntityParseError("Custom emoji entity must contain a tg://emoji URL");
  return { type: "custom_emoji", offset, length, custom_emoji_id: id };
}
