import type { MessageEntity } from "@grammyjs/types";
import { ownValue } from "../request-params.ts";
import {
  byteOffset,
  type EntityBuilder,
  entityError,
  type FormattedText,
  linkEntity,
  simple,
} from "./shared.ts";

/** parse_mode "HTML": the tags and the four named entities the Bot API supports, nothing else. */
const HTML_SIMPLE_TAGS: Record<string, MessageEntity.CommonMessageEntity["type"]> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  "tg-spoiler": "spoiler",
  code: "code",
};

const NAMED_HTML_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body.startsWith("#x") || body.startsWith("#X"))
      return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
    if (body.startsWith("#")) return String.fromCodePoint(Number.parseInt(body.slice(1), 10));
    // Only four named entities exist in the Bot API; others stay as written.
    return ownValue(NAMED_HTML_ENTITIES, body) ?? whole;
  });
}

function parseAttributes(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  const pattern = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const match of source.matchAll(pattern)) {
    const name = match[1];
    if (name === undefined) continue;
    attributes.set(name.toLowerCase(), decodeHtmlEntities(match[2] ?? match[3] ?? match[4] ?? ""));
  }
  return attributes;
}

interface OpenTag {
  name: string;
  start: number;
  build: EntityBuilder | undefined;
}

function htmlEntityFor(
  name: string,
  attributes: Map<string, string>,
  stack: OpenTag[],
): EntityBuilder | "unsupported" | undefined {
  const simpleType = ownValue(HTML_SIMPLE_TAGS, name);
  if (name === "code") {
    // <pre><code class="language-x"> sets the language of the surrounding pre entity.
    const parent = stack[stack.length - 1];
    const language = attributes.get("class")?.match(/^language-(.+)$/)?.[1];
    if (parent?.name === "pre" && language !== undefined) {
      parent.build = (offset, length) => ({ type: "pre", offset, length, language });
      return undefined;
    }
  }
  if (simpleType) return simple(simpleType);
  switch (name) {
    case "span":
      return attributes.get("class") === "tg-spoiler" ? simple("spoiler") : "unsupported";
    case "a": {
      const href = attributes.get("href");
      if (href === undefined || href === "") return undefined;
      return linkEntity(href);
    }
    case "pre":
      return (offset, length) => ({ type: "pre", offset, length });
    case "blockquote":
      return attributes.has("expandable") ? simple("expandable_blockquote") : simple("blockquote");
    case "tg-emoji": {
      const id = attributes.get("emoji-id");
      if (!id) return "unsupported";
      return (offset, length) => ({ type: "custom_emoji", offset, length, custom_emoji_id: id });
    }
    default:
      return "unsupported";
  }
}

export function parseHtml(input: string): FormattedText {
  let text = "";
  const entities: MessageEntity[] = [];
  const stack: OpenTag[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (ch === "<") {
      const end = input.indexOf(">", i);
      if (end === -1) throw entityError(`Unclosed start tag at byte offset ${byteOffset(input, i)}`);
      const body = input.slice(i + 1, end);
      if (body.startsWith("/")) {
        const name = body.slice(1).trim().toLowerCase();
        const open = stack.pop();
        if (!open) throw entityError(`Unexpected end tag at byte offset ${byteOffset(input, i)}`);
        if (open.name !== name) {
          throw entityError(`Can't find end tag corresponding to start tag "${open.name}"`);
        }
        if (open.build) entities.push(open.build(open.start, text.length - open.start));
      } else {
        const name = (body.match(/^[a-zA-Z][-a-zA-Z0-9]*/)?.[0] ?? "").toLowerCase();
        if (name === "") throw entityError(`Unsupported start tag "" at byte offset ${byteOffset(input, i)}`);
        const attributes = parseAttributes(body.slice(name.length));
        const build = htmlEntityFor(name, attributes, stack);
        if (build === "unsupported") {
          throw entityError(`Unsupported start tag "${name}" at byte offset ${byteOffset(input, i)}`);
        }
        stack.push({ name, start: text.length, build });
      }
      i = end + 1;
      continue;
    }
    if (ch === "&") {
      const match = input.slice(i).match(/^&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/);
      if (match) {
        text += decodeHtmlEntities(match[0]);
        i += match[0].length;
        continue;
      }
    }
    text += ch;
    i += 1;
  }
  const unclosed = stack[stack.length - 1];
  if (unclosed) throw entityError(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  return { text, entities };
}
