/**
 * The outcome of reading a value someone typed. A bad value is an expected event (an operator
 * mistyped a parameter in the setup bot), so it is returned as a value, never thrown.
 */
export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

export function succeed<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: string): ParseResult<T> {
  return { ok: false, error };
}

/** How an error quotes what the user typed: long input is cut so one message stays one line. */
export function gotValue(raw: string): string {
  const trimmed = raw.trim();
  if (trimmed === "") return "got an empty value";
  const shown = Array.from(trimmed);
  const quoted = shown.length > 60 ? `${shown.slice(0, 59).join("")}…` : trimmed;
  return `got "${quoted.replaceAll("\n", " ")}"`;
}
