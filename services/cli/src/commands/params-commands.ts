import {
  type ConnectionChanges,
  resetConnectionParameter,
  setConnectionParameter,
} from "@topicdesk/connections";
import { type Database, ParameterRepository } from "@topicdesk/db";
import {
  findParameter,
  formatParameterHelp,
  parameterDefinitions,
  resolveParameters,
} from "@topicdesk/params";
import type { Kysely } from "kysely";
import { CliError } from "../cli-error.ts";

/**
 * `params set`: the same parser as the router, so a value the CLI accepts is a value that works;
 * `changes` tells running routers, so the value counts from their next event.
 */
export async function setParameter(
  db: Kysely<Database>,
  changes: ConnectionChanges,
  connectionId: string,
  name: string,
  raw: string,
): Promise<string> {
  const definition = findParameter(name);
  if (!definition)
    throw new CliError(`Unknown parameter ${name}. Run "pnpm topicdesk params help" for the list.`);
  const written = await setConnectionParameter(db, changes, { connectionId, parameter: definition, raw });
  if (!written.ok) throw new CliError(written.error);
  return `${definition.name} set for ${connectionId}.`;
}

export async function unsetParameter(
  db: Kysely<Database>,
  changes: ConnectionChanges,
  connectionId: string,
  name: string,
): Promise<string> {
  const definition = findParameter(name);
  if (!definition) throw new CliError(`Unknown parameter ${name}.`);
  await resetConnectionParameter(db, changes, connectionId, definition);
  return `${definition.name} reset to its default (${definition.defaultRaw}) for ${connectionId}.`;
}

export async function listParameters(db: Kysely<Database>, connectionId: string): Promise<string> {
  const raw = await new ParameterRepository(db).listRaw(connectionId);
  const resolved = resolveParameters(raw);
  const lines = parameterDefinitions.map((definition) => {
    const stored = raw[definition.name];
    return stored === undefined
      ? `${definition.name} = ${definition.defaultRaw}  (default)`
      : `${definition.name} = ${stored}`;
  });
  return [...lines, ...resolved.errors.map((error) => `! ${error}`)].join("\n");
}

export function parametersHelp(): string {
  return parameterDefinitions.map((definition) => formatParameterHelp(definition)).join("\n\n");
}
