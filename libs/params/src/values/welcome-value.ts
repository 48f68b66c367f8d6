import { fail, type ParseResult, succeed } from "../parse-result.ts";
import { checkMarkdownV2Template } from "../welcome/welcome-template-check.ts";
import { isOff } from "./off-value.ts";

/** Telegram's limit for one text message. */
const maxLength = 4096;

/** A MarkdownV2 template with `{title}`, or `null` when the welcome is OFF. */
export function parseWelcomeValue(raw: string): ParseResult<string | null> {
  const template = raw.trim();
  if (isOff(template)) return succeed(null);
  if (template === "") return fail("got an empty value");
  const length = Array.from(template).length;
  if (length > maxLength) return fail(`the text has ${length} characters; Telegram allows ${maxLength}`);
  return checkMarkdownV2Template(template);
}
