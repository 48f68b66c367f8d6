import { type Database, ParameterRepository } from "@topicdesk/db";
import {
  findParameter,
  formatParameterHelp,
  parameterDefinitions,
  resolveParameters,
} from "@topicdesk/params";
import type { Kysely } from "kysely";
import { CliError } from "../cli-error.ts";

/** `params set`: the same parser as the router, so a value the CLI accepts is a value that works. */
export async function setParameter(
  db: Kysely<Database>,
  connectionId: string,
  name: string,
  raw: string,
): Promise<string> {
  const definition = findParameter(name);
  if (!definition)
    throw new CliError(`Unknown parameter ${name}. Run "pnpm topicdesk params help" for the list.`);
  const parsed = definition.parse(raw);
  if (!parsed.ok) throw new CliError(parsed.error);
  await new ParameterRepository(db).set(connectionId, definition.name, raw);
  return `${definition.name} set for ${connectionId}.`;
}

export async function unsetParameter(
  db: Kysely<Database>,
  connectionId: string,
  name: string,
): Promise<string> {
  const definition = findParameter(name);
  if (!definition) throw new CliError(`Unknown parameter ${name}.`);
  await new ParameterRepository(db).unset(connectionId, definition.name);
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
