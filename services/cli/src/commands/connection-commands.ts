import type { Config } from "@topicdesk/config";
import {
  type ConnectionChanges,
  registerBotConnection,
  removeConnection as removeAnnounced,
  setConnectionStatus as setStatusAnnounced,
} from "@topicdesk/connections";
import { ConnectionRepository, type Database, type SecretBox } from "@topicdesk/db";
import type { Kysely } from "kysely";
import { CliError } from "../cli-error.ts";

export async function listConnections(db: Kysely<Database>): Promise<string> {
  const rows = await new ConnectionRepository(db).list();
  if (rows.length === 0)
    return "No connections yet. Add one with: pnpm topicdesk connections add --token … --backend -100…";
  return rows
    .map((row) => `${row.id}\t${row.kind}\t${row.title}\tbackend ${row.backend_chat_id}\t${row.status}`)
    .join("\n");
}

/** `changes` tells running ingress and delivery, which start serving the new bot at once. */
export async function addConnection(
  db: Kysely<Database>,
  box: SecretBox,
  config: Config,
  changes: ConnectionChanges,
  input: { id: string; token: string; backend: string },
): Promise<string> {
  const backendChatId = Number(input.backend);
  if (!Number.isSafeInteger(backendChatId) || backendChatId >= 0) {
    throw new CliError(
      `--backend expects the backend group's chat id, a negative number like -1001234567890; got "${input.backend}"`,
    );
  }
  const connection = await registerBotConnection(
    db,
    box,
    {
      id: input.id,
      token: input.token,
      backendChatId,
      telegramApiRoot: config.telegramApiRoot,
    },
    changes,
  );
  return `Connection ${connection.id} (${connection.title}) → backend group ${connection.backend_chat_id}.`;
}

/** `changes` tells running ingress, router and delivery, which stop serving the connection at once. */
export async function removeConnection(
  db: Kysely<Database>,
  changes: ConnectionChanges,
  id: string,
): Promise<string> {
  if (!(await removeAnnounced(db, changes, id))) throw new CliError(`No connection ${id}.`);
  return `Connection ${id} removed with its dialogs and parameters.`;
}

export async function setConnectionStatus(
  db: Kysely<Database>,
  changes: ConnectionChanges,
  id: string,
  status: "active" | "paused",
): Promise<string> {
  if (!(await setStatusAnnounced(db, changes, id, status))) throw new CliError(`No connection ${id}.`);
  return status === "paused"
    ? `Connection ${id} paused: messages are not relayed until resumed.`
    : `Connection ${id} resumed.`;
}
