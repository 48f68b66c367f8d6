import type { tl } from "@mtcute/node";

/** Plain text with MTProto entities (mtcute's `TextWithEntities`), what a session sends. */
export interface FormattedText {
  text: string;
  entities: tl.TypeMessageEntity[];
}

/** An inline button that opens a URL, as the Bot API's `{ text, url }`. */
export interface UrlButton {
  text: string;
  url: string;
}
