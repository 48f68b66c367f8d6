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
 * is one the router understands (the CLI and the API use the same parser and wording).
 */
export async function changeParameter(
  deps: Pick<SetupDeps, "db">,
  change: { connectionId: string; definition: AnyParameterDefinition; raw: string; by: number },
): Promise<ParameterChange> {
  const parsed = change.definition.parse(change.raw);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  await new ParameterRepository(deps.db).set(
    change.connectionId,
    change.definition.name,
    change.raw,
    change.by,
  );
  return { ok: true, stored: change.raw };
}

export async function resetParameter(
  deps: Pick<SetupDeps, "db">,
  connectionId: string,
  definition: AnyParameterDefinition,
): Promise<void> {
  await new ParameterRepository(deps.db).unset(connectionId, definition.name);
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
