import { randomBytes } from "node:crypto";
import type { NodeEnv } from "./config.ts";
import { TOPICDESK_SECRET_KEY } from "./config-variables.ts";
import { type Env, missingValue, readVariable } from "./env-variable.ts";

export interface SecretKey {
  readonly key: string;
  readonly warning: string | undefined;
}

/**
 * Production refuses to start without a key: secrets encrypted with a lost key are lost. Elsewhere a
 * random key lets a newcomer start at once, with a warning that what it encrypts dies with the process.
 */
export function resolveSecretKey(env: Env, nodeEnv: NodeEnv): SecretKey {
  const key = readVariable(env, TOPICDESK_SECRET_KEY);
  if (key !== undefined) return { key, warning: undefined };
  if (nodeEnv === "production") throw missingValue(TOPICDESK_SECRET_KEY, "when NODE_ENV=production");
  return {
    key: randomBytes(32).toString("base64url"),
    warning:
      "TOPICDESK_SECRET_KEY is not set: using a random throwaway key, so bot tokens and sessions saved now " +
      "cannot be decrypted after a restart. Set it to 32+ random characters (openssl rand -base64 48).",
  };
}
