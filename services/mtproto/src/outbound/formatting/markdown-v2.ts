import { Long, type tl } from "@mtcute/node";
import { badRequest, type CallRefusal } from "../call-refusal.ts";
import type { FormattedText } from "./formatted-text.ts";

/**
 * The Bot API's MarkdownV2 (https://core.telegram.org/bots/api#markdownv2-style) into plain text
 * plus MTProto entities, for texts an MTProto session sends on delivery's behalf (welcomes,
 * notices, cards are written in MarkdownV2 for the Bot API). mtcute's own markdown is another
 * dialect (`**bold**`, `__italic__`), and no maintained JavaScript parser of MarkdownV2 into entities
 * exists, so this is ours. Markup the Bot API refuses is refused with its words (a 400), so both
 * transports fail the same way. Offsets are UTF-16 code units, as in MTProto and JavaScript strings.
 */

const RESERVED = new Set("_*[]()~`>#+-=|{}.!");

type Toggle = "bold" | "italic" | "underline" | "strike" | "spoiler";
type Marker = Toggle | "link" | "emoji";

const ENTITY_OF: Readonly<Record<Toggle, tl.TypeMessageEntity["_"]>> = {
  bold: "messageEntityBold",
  italic: "messageEntityItalic",
  underline: "messageEntityUnderline",
  strike: "messageEntityStrike",
  spoiler: "messageEntitySpoiler",
};

const NAME_OF: Readonly<Record<Marker, string>> = {
  bold: "Bold",
  italic: "Italic",
  underline: "Underline",
  strike: "Strikethrough",
  spoiler: "Spoiler",
  link: "TextUrl",
  emoji: "CustomEmoji",
};

interface OpenMarker {
  kind: Marker;
  /** Where its text starts in the output. */
  start: number;
  /** Where it was opened in the input (for the error's byte offset). */
  at: number;
}

export function parseMarkdownV2(input: string): FormattedText {
  let text = "";
  const entities: tl.TypeMessageEntity[] = [];
  const open: OpenMarker[] = [];
  let quote: { start: number; collapsed: boolean } | undefined;
  let atLineStart = true;
  let i = 0;

  const byteOffset = (index: number) => Buffer.byteLength(input.slice(0, index), "utf8");
  const fail = (reason: string): CallRefusal => badRequest(`can't parse entities: ${reason}`);
  const reserved = (ch: string) =>
    fail(`Character '${ch}' is reserved and must be escaped with the preceding '\\'`);
  const closeQuote = (end: number) => {
    if (!quote) return;
    if (end > quote.start) {
      entities.push({
        _: "messageEntityBlockquote",
        offset: quote.start,
        length: end - quote.start,
        ...(quote.collapsed ? { collapsed: true } : {}),
      });
    }
    quote = undefined;
  };
  const toggle = (kind: Toggle, width: number) => {
    const index = open.findLastIndex((marker) => marker.kind === kind);
    if (index === -1) {
      open.push({ kind, start: text.length, at: i });
    } else {
      const [marker] = open.splice(index, 1);
      if (marker && text.length > marker.start) {
        entities.push({
          _: ENTITY_OF[kind],
          offset: marker.start,
          length: text.length - marker.start,
        } as tl.TypeMessageEntity);
      }
    }
    i += width;
  };
  /** Reads up to an unescaped `terminator` ("\x" is x); undefined when there is none. */
  const readUntil = (from: number, terminator: string): { content: string; next: number } | undefined => {
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
  };

  while (i < input.length) {
    const ch = input[i] ?? "";
    if (atLineStart) {
      atLineStart = false;
      if (quote === undefined && input.startsWith("**>", i)) {
        quote = { start: text.length, collapsed: true };
        i += 3;
        continue;
      }
      if (ch === ">") {
        quote ??= { start: text.length, collapsed: false };
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
      const isPre = input.startsWith("```", i);
      const found = readUntil(i + (isPre ? 3 : 1), isPre ? "```" : "`");
      if (!found)
        throw fail(`Can't find end of ${isPre ? "Pre" : "Code"} entity at byte offset ${byteOffset(i)}`);
      let content = found.content;
      let language = "";
      if (isPre) {
        const newline = content.indexOf("\n");
        const firstLine = newline === -1 ? "" : content.slice(0, newline);
        if (newline !== -1 && /^[\w+#.-]*$/.test(firstLine)) {
          language = firstLine;
          content = content.slice(newline + 1);
        }
      }
      if (content.length > 0) {
        entities.push(
          isPre
            ? { _: "messageEntityPre", offset: text.length, length: content.length, language }
            : { _: "messageEntityCode", offset: text.length, length: content.length },
        );
      }
      text += content;
      i = found.next;
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
      toggle("strike", 1);
      continue;
    }
    if (ch === "|" && input[i + 1] === "|") {
      const endsLine = i + 2 === input.length || input[i + 2] === "\n";
      if (quote?.collapsed && endsLine && !open.some((marker) => marker.kind === "spoiler")) {
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
      const found = readUntil(i + 2, ")");
      if (!found) throw fail(`Can't find end of a URL at byte offset ${byteOffset(i + 1)}`);
      const [marker] = open.splice(linkIndex, 1);
      if (marker) entities.push(linkEntity(marker, text.length, found.content, fail));
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
    throw fail(
      `Can't find end of ${NAME_OF[unclosed.kind]} entity at byte offset ${byteOffset(unclosed.at)}`,
    );
  }
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}

function linkEntity(
  marker: OpenMarker,
  end: number,
  url: string,
  fail: (reason: string) => CallRefusal,
): tl.TypeMessageEntity {
  const offset = marker.start;
  const length = end - marker.start;
  if (marker.kind === "link") return { _: "messageEntityTextUrl", offset, length, url };
  const id = /^tg:\/\/emoji\?id=(\d+)$/.exec(url)?.[1];
  if (id === undefined) throw fail("Custom emoji entity must contain a tg://emoji URL");
  return { _: "messageEntityCustomEmoji", offset, length, documentId: Long.fromString(id) };
}
