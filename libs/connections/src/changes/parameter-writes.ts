import { type DbExecutor, ParameterRepository } from "@topicdesk/db";
import type { ConnectionChanges } from "./connection-changes.ts";

/**
 * The part of a parameter definition (`@topicdesk/params`) a write needs: its canonical name and
 * its parser. Structural, so this library does not depend on the parameter table.
 */
export interface WritableParameter {
  readonly name: string;
  parse(raw: string): { ok: true } | { ok: false; error: string };
}

export type ParameterWrite = { ok: true } | { ok: false; error: string };

/**
 * Sets a connection's parameter, for every entry point (CLI, HTTP API, setup bot): the value must
 * pass the parameter's own parser (the router's), then the row is written, then the routers are
 * told (`parameters` hint), so the next event already sees the value. A rejected value changes
 * nothing and announces nothing. `by` is the Telegram user who changed it, when a person did.
 */
export async function setConnectionParameter(
  db: DbExecutor,
  changes: ConnectionChanges,
  change: { connectionId: string; parameter: WritableParameter; raw: string; by?: number },
): Promise<ParameterWrite> {
  const parsed = change.parameter.parse(change.raw);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  await new ParameterRepository(db).set(change.connectionId, change.parameter.name, change.raw, change.by);
  await changes.announce(change.connectionId, "parameters");
  return { ok: true };
}

/** Removes a stored value so the default applies again, then tells the routers; false when it was not set. */
export async function resetConnectionParameter(
  db: DbExecutor,
  changes: ConnectionChanges,
  connectionId: string,
  parameter: Pick<WritableParameter, "name">,
): Promise<boolean> {
  const removed = await new ParameterRepository(db).unset(connectionId, parameter.name);
  if (removed) await changes.announce(connectionId, "parameters");
  return removed;
}
