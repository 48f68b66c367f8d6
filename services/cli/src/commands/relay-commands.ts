import { ConnectionRepository, type Database, RelayRepository, type SecretBox } from "@topicdesk/db";
import type { Kysely } from "kysely";
import { CliError } from "../cli-error.ts";

/** Telegram's own rule for webhook secret tokens, which the other system expects to receive. */
const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * `connections relay <id> --url … [--secret …]`: Topicdesk takes over the bot's webhook and forwards
 * every update unchanged to the other system's URL (docs/parallel-mode.md). Takes effect when
 * ingress restarts (it registers the webhook at start).
 */
export async function setRelay(
  db: Kysely<Database>,
  box: SecretBox,
  id: string,
  input: { url: string; secret?: string },
): Promise<string> {
  const connection = await new ConnectionRepository(db).get(id);
  if (!connection) throw new CliError(`No connection ${id}.`);
  if (connection.kind !== "bot")
    throw new CliError(`Connection ${id} is an account: only bots have webhooks.`);
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw new CliError(`--url must be the other system's webhook URL (https://…); got "${input.url}"`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new CliError(`--url must be http(s); got "${url.protocol}"`);
  }
  if (input.secret !== undefined && !SECRET_TOKEN.test(input.secret)) {
    throw new CliError("--secret must be 1-256 letters, digits, _ or - (Telegram's secret token rule).");
  }
  await new RelayRepository(db).set({ connectionId: id, url: url.toString(), secret: input.secret }, box);
  return `Connection ${id} relays every update to ${url.origin}${input.secret ? " with its secret token" : ""}. Restart ingress (TOPICDESK_UPDATES=webhook) to take over the webhook.`;
}

export async function removeRelay(db: Kysely<Database>, id: string): Promise<string> {
  if (!(await new RelayRepository(db).remove(id))) throw new CliError(`Connection ${id} has no relay.`);
  return `Connection ${id} no longer relays. Restart ingress; point the bot's webhook back at the other system if it should own it again.`;
}
