import { fail, gotValue, type ParseResult, succeed } from "../parse-result.ts";

/** The only topic icon colours Telegram's createForumTopic accepts, by the names its apps show. */
export const forumIconColors = {
  blue: 0x6fb9f0,
  yellow: 0xffd67e,
  violet: 0xcb86db,
  green: 0x8eee98,
  rose: 0xff93b2,
  red: 0xfb6f5f,
} as const;

export type ForumIconColorName = keyof typeof forumIconColors;
export type ForumIconColor = (typeof forumIconColors)[ForumIconColorName];

const allowedValues: readonly number[] = Object.values(forumIconColors);

/** A colour name (`blue`), Telegram's decimal value (`7322096`) or its hex form (`0x6FB9F0`, `#6FB9F0`). */
export function parseIconColorValue(raw: string): ParseResult<ForumIconColor> {
  const text = raw.trim().toLowerCase();
  if (isColorName(text)) return succeed(forumIconColors[text]);
  const number = numberOf(text);
  if (number === undefined) return fail(gotValue(raw));
  if (!isForumIconColor(number))
    return fail(`${gotValue(raw)}, which is not one of Telegram's six topic colours`);
  return succeed(number);
}

function numberOf(text: string): number | undefined {
  if (/^[0-9]+$/.test(text)) return Number(text);
  const hex = /^(?:0x|#)([0-9a-f]{1,6})$/.exec(text)?.[1];
  return hex === undefined ? undefined : Number.parseInt(hex, 16);
}

function isColorName(text: string): text is ForumIconColorName {
  return Object.hasOwn(forumIconColors, text);
}

export function isForumIconColor(value: number): value is ForumIconColor {
  return allowedValues.includes(value);
}
