import type { ApiKey, ApiScope } from "@topicdesk/db";

/** Who is calling: the API key that authenticated the request. */
export interface Caller {
  keyId: number;
  /** The key's connection; null for an installation-wide key. */
  connectionId: string | null;
  scopes: readonly ApiScope[];
}

export function callerOf(key: ApiKey): Caller {
  return { keyId: key.id, connectionId: key.connection_id, scopes: key.scopes };
}

declare module "fastify" {
  interface FastifyRequest {
    /** Set by the auth hook on every /v1 route; undefined only on public routes (docs, health). */
    caller: Caller | undefined;
  }
}
