import { escapeMarkdownV2 } from "./markdown-v2-escape.ts";

export interface WelcomeFields {
  /** The client's display name (or the chat title for monitored chats). */
  readonly title: string;
}

/**
 * The welcome text ready to send with `parse_mode: "MarkdownV2"`. The template is already
 * MarkdownV2 (checked when the parameter was set); only the inserted title needs escaping.
 * A `{title}` inside a code span gets the same escaping, which shows backslashes there: a template
 * that wants the name in monospace should not do that.
 */
export function renderWelcome(template: string, fields: WelcomeFields): string {
  return template.replaceAll("{title}", escapeMarkdownV2(fields.title));
}
