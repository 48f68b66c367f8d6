import { resetConnectionParameter, setConnectionParameter } from "@topicdesk/connections";
import { ParameterRepository } from "@topicdesk/db";
import { type AnyParameterDefinition, parameterDefinitions } from "@topicdesk/params";
import type { SetupDeps } from "../setup-deps.ts";

export type ParameterChange = { ok: true; stored: string } | { ok: false; error: string };

/** The parameter a button points at (callback data carries its index in the table). */
export function parameterAt(index: number): AnyParameterDefinition | undefined {
  return parameterDefinitions[index];
}

export function parameterIndex(name: string): number {
  return parameterDefinitions.findIndex((definition) => definition.name === name);
}

/**
 * Sets a value after the parameter table's own parser accepted it, so a value the setup bot takes
 * is one the router understands (the CLI and the API use the same parser, wording and write, which
 * also tells the routers).
 */
export async function changeParameter(
  deps: Pick<SetupDeps, "db" | "changes">,
  change: { connectionId: string; definition: AnyParameterDefinition; raw: string; by: number },
): Promise<ParameterChange> {
  const written = await setConnectionParameter(deps.db, deps.changes, {
    connectionId: change.connectionId,
    parameter: change.definition,
    raw: change.raw,
    by: change.by,
  });
  return written.ok ? { ok: true, stored: change.raw } : written;
}

export async function resetParameter(
  deps: Pick<SetupDeps, "db" | "changes">,
  connectionId: string,
  definition: AnyParameterDefinition,
): Promise<void> {
  await resetConnectionParameter(deps.db, deps.changes, connectionId, definition);
}

/** The stored value, or the default marked as such. */
export async function currentValue(
  deps: Pick<SetupDeps, "db">,
  connectionId: string,
  definition: AnyParameterDefinition,
): Promise<string> {
  const raw = await new ParameterRepository(deps.db).listRaw(connectionId);
  return raw[definition.name] ?? `${definition.defaultRaw} (default)`;
}
