import type { ParseResult } from "../parse-result.ts";
import { findParameter } from "./parameter-lookup.ts";
import { type ParameterName, type ParameterValues, parameterDefinitions } from "./parameter-table.ts";

/** Parses one value for the parameter `name` (any spelling `findParameter` accepts). */
export function parseParameter<Name extends ParameterName>(
  name: Name,
  raw: string,
): ParseResult<ParameterValues[Name]>;
export function parseParameter(name: string, raw: string): ParseResult<ParameterValues[ParameterName]>;
export function parseParameter(name: string, raw: string): ParseResult<ParameterValues[ParameterName]> {
  const definition = findParameter(name);
  return definition === undefined ? { ok: false, error: unknownParameter(name) } : definition.parse(raw);
}

export function unknownParameter(name: string): string {
  const known = parameterDefinitions.map((definition) => definition.name).join(", ");
  return `Unknown parameter "${name}"; the parameters are ${known}`;
}
