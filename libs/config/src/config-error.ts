/**
 * A configuration value is missing or malformed. The message is one line that names the variable
 * and what it expects, so a service can print it and exit 1 without a stack trace. It never
 * contains a secret (bot token, secret key, URL passwords).
 */
export class ConfigError extends Error {
  /** The environment variable at fault. */
  readonly variable: string;

  constructor(variable: string, message: string) {
    super(message);
    this.name = "ConfigError";
    this.variable = variable;
  }
}
