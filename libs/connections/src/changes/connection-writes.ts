import { type Connection, ConnectionRepository, type ConnectionStatus, type DbExecutor } from "@topicdesk/db";
import type { ConnectionChanges } from "./connection-changes.ts";

/**
 * Pausing, resuming and removing a connection, for every entry point (setup bot, HTTP API, CLI):
 * the row changes, then ingress and delivery are told (`ConnectionChanges`). Adding one is
 * `registerBotConnection`, which announces the same way.
 */
export async function setConnectionStatus(
  db: DbExecutor,
  changes: ConnectionChanges,
  connectionId: string,
  status: ConnectionStatus,
): Promise<Connection | undefined> {
  const row = await new ConnectionRepository(db).setStatus(connectionId, status);
  if (row) await changes.announce(connectionId, status === "paused" ? "paused" : "resumed");
  return row;
}

/** Removes the connection with its dialogs, links and parameters; false when there was none. */
export async function removeConnection(
  db: DbExecutor,
  changes: ConnectionChanges,
  connectionId: string,
): Promise<boolean> {
  const removed = await new ConnectionRepository(db).remove(connectionId);
  if (removed) await changes.announce(connectionId, "removed");
  return removed;
}
