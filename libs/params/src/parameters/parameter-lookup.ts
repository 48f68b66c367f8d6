import { type AnyParameterDefinition, parameterDefinitions } from "./parameter-table.ts";

const byName = new Map<string, AnyParameterDefinition>(
  parameterDefinitions.flatMap((definition) =>
    [definition.name, ...definition.aliases].map((name) => [name, definition] as const),
  ),
);

/**
 * The definition a user means by `name`: case-insensitive, with aliases (`AUTO_CLOSE`) and the
 * `@NAME@` form of the reference product's older pages, so copied instructions keep working.
 */
export function findParameter(name: string): AnyParameterDefinition | undefined {
  const bare = name
    .trim()
    .replace(/^@(.*)@$/s, "$1")
    .trim();
  return byName.get(bare.toUpperCase());
}
