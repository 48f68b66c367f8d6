import pg from "pg";

/**
 * pg returns int8 (bigint) as a string by default because it may exceed 2^53. Our int8 columns hold
 * Telegram ids (chat ids go past 2^31, user ids up to 2^52), row ids and counts: all fit in a JS
 * number exactly, so we parse them as numbers. A value that would lose precision is refused loudly
 * rather than silently rounded into another chat's id.
 *
 * The override is per pool (TypeOverrides), not pg's process-wide registry, so other pg users in the
 * same process keep their own behaviour.
 */
export function telegramIdTypes(): pg.CustomTypesConfig {
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, parseInt8);
  return types;
}

export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`int8 value ${text} does not fit in a JavaScript number without losing precision`);
  }
  return value;
}
