import { type Kysely, sql } from "kysely";
import type { DependencyCheck } from "./readiness.ts";

/** PostgreSQL answers a trivial query. */
export function postgresCheck<Schema>(db: Kysely<Schema>): DependencyCheck {
  return { name: "postgres", check: () => sql`select 1`.execute(db) };
}

/** Redis answers PING (any ioredis client fits). */
export function redisCheck(redis: { ping(): Promise<string> }): DependencyCheck {
  return { name: "redis", check: () => redis.ping() };
}

/** NATS answers a round trip (a closed or reconnecting connection fails or times out). */
export function natsCheck(nc: { rtt(): Promise<number>; isClosed(): boolean }): DependencyCheck {
  return {
    name: "nats",
    check: async () => {
      if (nc.isClosed()) throw new NatsClosedError();
      await nc.rtt();
    },
  };
}

class NatsClosedError extends Error {
  override readonly name = "NatsClosedError";
  constructor() {
    super("the NATS connection is closed");
  }
}
