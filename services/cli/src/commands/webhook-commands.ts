import {
  addWebhookEndpoint,
  type ConnectionChanges,
  removeWebhookEndpoint,
  setWebhookEndpointEvents,
} from "@topicdesk/connections";
import {
  ConnectionRepository,
  type Database,
  ParameterRepository,
  type SecretBox,
  WebhookDeadLetterRepository,
  WebhookEndpointRepository,
  WebhookKeyRepository,
  WebhookReceiverRepository,
} from "@topicdesk/db";
import { resolveParameters } from "@topicdesk/params";
import type { Kysely } from "kysely";
import { CliError } from "../cli-error.ts";

/**
 * `pnpm topicdesk webhook …`: receivers, keys, dead letters and replays. The same writes
 * (`@topicdesk/connections`) and repositories the HTTP API uses, so both see one state and announce
 * the same way; replays are carried out by the running webhooks service.
 */

/** Every receiver of the connection, where it is configured, and how it has been answering. */
export async function listWebhooks(
  db: Kysely<Database>,
  box: SecretBox,
  connectionId: string,
): Promise<string> {
  await requireConnection(db, connectionId);
  const fromParameter = resolveParameters(await new ParameterRepository(db).listRaw(connectionId)).values
    .WEBHOOKS;
  const fromApi = await new WebhookEndpointRepository(db, box).list(connectionId);
  const health = new Map(
    (await new WebhookReceiverRepository(db).list(connectionId)).map((row) => [row.url, row]),
  );
  const state = (url: string) => {
    const row = health.get(url);
    if (!row) return "no deliveries yet";
    if (row.paused_at) return `PAUSED since ${row.paused_at.toISOString()} (${row.last_error ?? "failing"})`;
    return row.consecutive_failures > 0
      ? `${row.consecutive_failures} failed in a row (${row.last_error})`
      : "ok";
  };
  const lines = [
    ...fromParameter.map(
      (receiver) => `WEBHOOKS  ${receiver.url}  ${receiver.events.join(", ")}  — ${state(receiver.url)}`,
    ),
    ...fromApi.map(
      (receiver) =>
        `#${receiver.id}  ${receiver.url}  ${receiver.events.join(", ")}  — ${state(receiver.url)}`,
    ),
  ];
  return lines.length > 0 ? lines.join("\n") : `No webhook receivers for ${connectionId}.`;
}

/**
 * Registers a receiver with its own signing secret. The write is the HTTP API's
 * (`addWebhookEndpoint`): same checks, and running routers are told, so a `/command` it subscribes
 * to is published from the next event.
 */
export async function addWebhook(
  db: Kysely<Database>,
  box: SecretBox,
  changes: ConnectionChanges,
  connectionId: string,
  url: string,
  events: string,
): Promise<string> {
  await requireConnection(db, connectionId);
  const created = await addWebhookEndpoint(db, box, changes, { connectionId, url, events: eventsOf(events) });
  if (!created.ok) throw new CliError(created.reason === "exists" ? `${created.error}.` : created.error);
  return `Receiver #${created.endpoint.id} added. Its signing secret (verify the Topicdesk-Signature header with it):\n${created.secret}`;
}

/** Replaces the events of a registered receiver. */
export async function setWebhookEvents(
  db: Kysely<Database>,
  box: SecretBox,
  changes: ConnectionChanges,
  connectionId: string,
  id: string,
  events: string,
): Promise<string> {
  const changed = await setWebhookEndpointEvents(db, box, changes, {
    connectionId,
    id: idOf(id),
    events: eventsOf(events),
  });
  if (!changed.ok) throw new CliError(changed.error);
  if (!changed.endpoint) throw new CliError(`${connectionId} has no receiver #${id}.`);
  return `Receiver #${changed.endpoint.id} now gets: ${changed.endpoint.events.join(", ")}.`;
}

export async function removeWebhook(
  db: Kysely<Database>,
  box: SecretBox,
  changes: ConnectionChanges,
  connectionId: string,
  id: string,
): Promise<string> {
  const removed = await removeWebhookEndpoint(db, box, changes, connectionId, idOf(id));
  if (!removed) throw new CliError(`${connectionId} has no receiver #${id}.`);
  return `Receiver #${id} removed.`;
}

/** The body's `api_key` and the signing secret of the receivers configured by WEBHOOKS. */
export async function showWebhookKeys(
  db: Kysely<Database>,
  box: SecretBox,
  connectionId: string,
  options: { rotate?: boolean } = {},
): Promise<string> {
  await requireConnection(db, connectionId);
  const repository = new WebhookKeyRepository(db, box);
  const keys = options.rotate ? await repository.rotate(connectionId) : await repository.ensure(connectionId);
  return [
    `api_key (in every body): ${keys.apiKey}`,
    `signing secret (WEBHOOKS receivers): ${keys.signingSecret}`,
  ].join("\n");
}

export async function listDeadLetters(db: Kysely<Database>, connectionId: string): Promise<string> {
  const letters = await new WebhookDeadLetterRepository(db).list(connectionId);
  if (letters.length === 0) return `No dead letters for ${connectionId}.`;
  return letters
    .map(
      (letter) =>
        `#${letter.id}  ${letter.failed_at.toISOString()}  ${letter.event_type}  ${new URL(letter.url).origin}  ` +
        `${letter.attempts} attempts, ${letter.last_error}${letter.replay_requested_at ? "  (replay requested)" : ""}`,
    )
    .join("\n");
}

/** Asks the webhooks service to send the letters again (all pending ones without ids). */
export async function replayDeadLetters(
  db: Kysely<Database>,
  connectionId: string,
  ids: readonly string[],
): Promise<string> {
  const requested = await new WebhookDeadLetterRepository(db).requestReplay(
    connectionId,
    ids.length === 0 ? undefined : ids.map(idOf),
  );
  if (requested.length === 0) throw new CliError(`No pending dead letters of ${connectionId} to replay.`);
  return `Replay requested for ${requested.map((id) => `#${id}`).join(", ")}; the webhooks service sends them within seconds.`;
}

export async function resumeWebhook(
  db: Kysely<Database>,
  connectionId: string,
  url: string,
): Promise<string> {
  const resumed = await new WebhookReceiverRepository(db).resume(connectionId, url);
  if (!resumed) throw new CliError(`No paused receiver of ${connectionId} at that URL.`);
  return `Receiver resumed. Replay what it missed with: pnpm topicdesk webhook replay ${connectionId}`;
}

/** "dialog_created, /invoice" or "dialog_created,/invoice": what a person types in a shell. */
function eventsOf(text: string): string[] {
  return text.split(/[,\s]+/).filter((name) => name.length > 0);
}

async function requireConnection(db: Kysely<Database>, connectionId: string): Promise<void> {
  if (!(await new ConnectionRepository(db).get(connectionId)))
    throw new CliError(`No connection ${connectionId}.`);
}

function idOf(text: string): number {
  const id = Number(text.replace(/^#/, ""));
  if (!Number.isSafeInteger(id) || id <= 0) throw new CliError(`"${text}" is not an id (a positive number).`);
  return id;
}
