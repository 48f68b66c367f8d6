import { CONNECTION_ID_PATTERN } from "@topicdesk/contracts";

const MAX_LENGTH = 40;

/**
 * A readable, unused connection id made from the bot's username (`Acme_Support_bot` →
 * `acme-support-bot`), with `-2`, `-3` … when taken. Ids appear in subjects and queue names, so
 * only CONNECTION_ID_PATTERN's characters survive.
 */
export function connectionIdFor(username: string, taken: ReadonlySet<string>): string {
  const base =
    username
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, MAX_LENGTH) || "bot";
  for (let n = 1; ; n += 1) {
    const suffix = n === 1 ? "" : `-${n}`;
    const id = `${base.slice(0, MAX_LENGTH - suffix.length)}${suffix}`;
    if (!taken.has(id) && CONNECTION_ID_PATTERN.test(id)) return id;
  }
}
