import { type Connection, ConnectionRepository } from "@topicdesk/db";
import type { SetupDeps } from "../setup-deps.ts";

export type ConnectionAccess = { ok: true; connection: Connection } | { ok: false; reason: string };

/**
 * Only the person who created a connection (its administrator, reference §4.6) may change it; a
 * connection bootstrapped from the environment has no administrator and is managed by the CLI.
 */
export async function connectionForAdmin(
  deps: Pick<SetupDeps, "db">,
  connectionId: string,
  userId: number,
): Promise<ConnectionAccess> {
  const connection = await new ConnectionRepository(deps.db).get(connectionId);
  if (!connection) return { ok: false, reason: `There is no connection “${connectionId}”.` };
  if (connection.admin_user_id !== userId) {
    return {
      ok: false,
      reason: `Only the administrator who connected “${connectionId}” can change it. Connect your own bot with /start.`,
    };
  }
  return { ok: true, connection };
}

/** The connections this person administers, oldest first. */
export async function connectionsOfAdmin(deps: Pick<SetupDeps, "db">, userId: number): Promise<Connection[]> {
  const all = await new ConnectionRepository(deps.db).list();
  return all.filter((connection) => connection.admin_user_id === userId);
}
