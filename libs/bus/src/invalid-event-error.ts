/** A value that does not match its contract schema; `errors` lists each problem with its path. */
export class InvalidEventError extends Error {
  readonly errors: readonly string[];

  constructor(what: string, errors: readonly string[]) {
    super(`invalid ${what}: ${errors.join("; ")}`);
    this.name = "InvalidEventError";
    this.errors = errors;
  }
}

/** Problems as "<path> <message>", the shape TypeBox reports them in. */
export function describeErrors(errors: Iterable<{ instancePath: string; message: string }>): string[] {
  return Array.from(errors, (error) => `${error.instancePath || "/"} ${error.message}`);
}
