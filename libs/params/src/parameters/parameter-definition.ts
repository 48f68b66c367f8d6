import type { ParseResult } from "../parse-result.ts";

/**
 * One connection parameter: everything the router, CLI, HTTP API and setup bot need to know about
 * it, so none of them restates a name, a default or a rule.
 */
export interface ParameterDefinition<Name extends string = string, Value = unknown> {
  /** As the reference product writes it, e.g. `AUTOCLOSE`. */
  readonly name: Name;
  /** Other accepted spellings (the older docs' `AUTO_CLOSE`); `@NAME@` forms are accepted for all. */
  readonly aliases: readonly string[];
  /** One line of help. */
  readonly summary: string;
  /** How to write a value; completes "<NAME> expects …" in errors and help. */
  readonly syntax: string;
  /** The value a connection has until someone sets it, written as a user would write it. */
  readonly defaultRaw: string;
  readonly defaultValue: Value;
  /** Reads a value as typed; errors name the parameter and what it expects. */
  readonly parse: (raw: string) => ParseResult<Value>;
}

export interface ParameterSpec<Name extends string, Value> {
  readonly name: Name;
  readonly aliases?: readonly string[];
  readonly summary: string;
  readonly syntax: string;
  readonly defaultRaw: string;
  /** Returns the problem only (e.g. `got "abc"`); `defineParameter` adds the name and syntax. */
  readonly read: (raw: string) => ParseResult<Value>;
}

/**
 * Builds a definition whose errors read `<NAME> expects <syntax>; <problem>`. Throws at import time
 * if the default does not parse: that is a bug in the table, and the tests load it.
 */
export function defineParameter<const Name extends string, Value>(
  spec: ParameterSpec<Name, Value>,
): ParameterDefinition<Name, Value> {
  const parse = (raw: string): ParseResult<Value> => {
    const result = spec.read(raw);
    return result.ok ? result : { ok: false, error: `${spec.name} expects ${spec.syntax}; ${result.error}` };
  };
  const initial = parse(spec.defaultRaw);
  if (!initial.ok) throw new Error(`The default of ${spec.name} does not parse: ${initial.error}`);
  return {
    name: spec.name,
    aliases: spec.aliases ?? [],
    summary: spec.summary,
    syntax: spec.syntax,
    defaultRaw: spec.defaultRaw,
    defaultValue: initial.value,
    parse,
  };
}
