import type { Static, TSchema } from "typebox";
import { Compile } from "typebox/compile";
import { ConfigError } from "./config-error.ts";

export type Env = Readonly<Record<string, string | undefined>>;

/** How a raw value may be shown in an error message. */
type Disclosure = "value" | "length-only" | "without-password";

/** One environment variable: its name, the schema its value must satisfy and the sentence for errors. */
export interface Variable<T extends TSchema> {
  readonly name: string;
  /** Completes "<NAME> must be …", e.g. "an integer from 1 to 256". */
  readonly expects: string;
  readonly decode: (raw: string) => unknown;
  readonly disclosure: Disclosure;
  readonly check: (value: unknown) => value is Static<T>;
}

interface VariableOptions {
  expects: string;
  /** Secrets are reported by length only; URLs that may carry credentials lose their password. */
  disclosure?: Disclosure;
  /** A rule JSON Schema cannot state (e.g. "https unless localhost"). */
  refine?: (value: string) => boolean;
}

export function stringVariable<T extends TSchema>(
  name: string,
  schema: T,
  options: VariableOptions,
): Variable<T> {
  return makeVariable(name, schema, options, (raw) => raw);
}

/**
 * Integers are decoded strictly (digits with an optional minus) before the schema checks the range:
 * TypeBox's own conversion would quietly turn "8.5" into 8 or "0x10" into 16.
 */
export function integerVariable<T extends TSchema>(
  name: string,
  schema: T,
  options: VariableOptions,
): Variable<T> {
  return makeVariable(name, schema, options, (raw) => (/^-?[0-9]+$/.test(raw) ? Number(raw) : raw));
}

function makeVariable<T extends TSchema>(
  name: string,
  schema: T,
  options: VariableOptions,
  decode: (raw: string) => unknown,
): Variable<T> {
  const validator = Compile(schema);
  const refine = options.refine;
  return {
    name,
    expects: options.expects,
    decode,
    disclosure: options.disclosure ?? "value",
    check: (value): value is Static<T> =>
      validator.Check(value) && (refine === undefined || refine(String(value))),
  };
}

/** The raw value, or undefined when unset. An empty value counts as unset (as `FOO=` in compose files). */
function rawValue(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === "" ? undefined : raw.trim();
}

/** Reads and validates one variable; `fallback` is used when it is unset. */
export function readVariable<T extends TSchema>(
  env: Env,
  variable: Variable<T>,
  fallback: Static<T>,
): Static<T>;
export function readVariable<T extends TSchema>(env: Env, variable: Variable<T>): Static<T> | undefined;
export function readVariable<T extends TSchema>(
  env: Env,
  variable: Variable<T>,
  fallback?: Static<T>,
): Static<T> | undefined {
  const raw = rawValue(env, variable.name);
  if (raw === undefined) return fallback;
  const value = variable.decode(raw);
  if (!variable.check(value)) throw invalidValue(variable, raw);
  return value;
}

function invalidValue(variable: Variable<TSchema>, raw: string): ConfigError {
  return new ConfigError(
    variable.name,
    `${variable.name} must be ${variable.expects}; got ${describeRaw(raw, variable.disclosure)}`,
  );
}

export function missingValue(variable: Variable<TSchema>, reason: string): ConfigError {
  return new ConfigError(variable.name, `${variable.name} is required ${reason}: ${variable.expects}`);
}

function describeRaw(raw: string, disclosure: Disclosure): string {
  switch (disclosure) {
    case "length-only":
      return `a value of ${raw.length} characters`;
    case "without-password":
      return JSON.stringify(raw.replace(/\/\/([^:/@]*):[^@/]*@/, "//$1:***@"));
    case "value":
      return JSON.stringify(raw);
  }
}
