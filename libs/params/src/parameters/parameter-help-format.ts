import type { ParameterDefinition } from "./parameter-definition.ts";

/**
 * Plain-text help for one parameter, as the CLI prints it and the setup bot shows it (the bot
 * escapes it for its own parse mode):
 *
 *     AUTOCLOSE (also AUTO_CLOSE)
 *     Hours an answered (🟨) dialog waits for the client before it closes itself.
 *     Value: a whole number of hours (e.g. 48 or 168), or 0 or OFF for "never"
 *     Default: 48
 */
export function formatParameterHelp(definition: ParameterDefinition): string {
  const aliases = definition.aliases.length > 0 ? ` (also ${definition.aliases.join(", ")})` : "";
  return [
    `${definition.name}${aliases}`,
    definition.summary,
    `Value: ${definition.syntax}`,
    `Default: ${definition.defaultRaw}`,
  ].join("\n");
}
