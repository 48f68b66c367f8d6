import type { ParseResult } from "../parse-result.ts";
import { findParameter } from "./parameter-lookup.ts";
import {
  type AnyParameterDefinition,
  type ParameterName,
  type ParameterValues,
  parameterDefinitions,
} from "./parameter-table.ts";

export interface ResolvedParameters {
  /** Every parameter: the stored value where it parses, the default otherwise. */
  readonly values: ParameterValues;
  /** One line per problem: unknown names, repeated names, stored values that no longer parse. */
  readonly errors: readonly string[];
  /**
   * Parameters whose value came from the stored set rather than the default. Some behaviour
   * depends on it: in monitored group chats the welcome is off unless WELCOME was set explicitly.
   */
  readonly explicit: readonly ParameterName[];
}

/**
 * A connection's typed parameters from its stored raw values. It never throws: a value stored by
 * an older version that no longer parses falls back to the default and is reported, so one bad
 * value cannot stop a connection from running.
 */
export function resolveParameters(raw: Readonly<Record<string, string>>): ResolvedParameters {
  const chosen = new Map<ParameterName, ParseResult<unknown>>();
  const errors: string[] = [];
  for (const [name, value] of Object.entries(raw)) {
    const definition = findParameter(name);
    if (definition === undefined) {
      errors.push(`Unknown parameter "${name}" is ignored`);
      continue;
    }
    if (chosen.has(definition.name)) {
      errors.push(`"${name}" sets ${definition.name} again; the later value is used`);
    }
    chosen.set(definition.name, definition.parse(value));
  }
  const entries = parameterDefinitions.map((definition) => [
    definition.name,
    chosenOrDefault(definition, chosen, errors),
  ]);
  const explicit = parameterDefinitions
    .map((definition) => definition.name)
    .filter((name) => chosen.get(name)?.ok === true);
  // Object.fromEntries loses the per-key types; every key is a definition's name and its value
  // comes from that definition's own parser or default, so the shape holds.
  return { values: Object.fromEntries(entries) as ParameterValues, errors, explicit };
}

function chosenOrDefault(
  definition: AnyParameterDefinition,
  chosen: ReadonlyMap<ParameterName, ParseResult<unknown>>,
  errors: string[],
): unknown {
  const result = chosen.get(definition.name);
  if (result === undefined) return definition.defaultValue;
  if (result.ok) return result.value;
  errors.push(`${result.error}; the default (${definition.defaultRaw}) is used instead`);
  return definition.defaultValue;
}
