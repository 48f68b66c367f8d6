import { createHash, randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { DbExecutor } from "../database-schema.ts";
import type { ApiKey, ApiScope } from "../schema/api-tables.ts";

export const API_SCOPES: readonly ApiScope[] = ["read", "write", "admin"];

/** What an issued key looks like: `tdk_` and 43 characters of base64url (256 random bits). */
const KEY_PATTERN = /^tdk_[A-Za-z0-9_-]{43}$/;

export interface NewApiKey {
  /** Null or absent: an installation-wide key. */
  connectionId?: string | null;
  label: string;
  scopes: readonly ApiScope[];
}

export interface IssuedApiKey {
  /** The secret: shown to the person once, never stored. */
  key: string;
  row: ApiKey;
}

/**
 * API keys, stored as sha256 hashes. A key is 256 random bits, so a plain fast hash is enough: there
 * is no dictionary to try and no way to enumerate 2^256 candidates, and a slow password hash
 * (bcrypt, argon2) would only cost time on every request. The database never holds a usable key.
 */
export class ApiKeyRepository {
  readonly #db: DbExecutor;

  constructor(db: DbExecutor) {
    this.#db = db;
  }

  async issue(input: NewApiKey): Promise<IssuedApiKey> {
    const key = `tdk_${randomBytes(32).toString("base64url")}`;
    const row = await this.#db
      .insertInto("api_keys")
      .values({
        connection_id: input.connectionId ?? null,
        label: input.label,
        key_prefix: key.slice(0, 12),
        key_hash: hashApiKey(key),
        scopes: [...new Set(input.scopes)],
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { key, row };
  }

  /** The live (not revoked) key with this secret; undefined for anything else, malformed included. */
  async findActive(key: string): Promise<ApiKey | undefined> {
    if (!KEY_PATTERN.test(key)) return undefined;
    return await this.#db
      .selectFrom("api_keys")
      .selectAll()
      .where("key_hash", "=", hashApiKey(key))
      .where("revoked_at", "is", null)
      .executeTakeFirst();
  }

  /** Keys of one connection (or the installation-wide ones for null), newest first, revoked included. */
  async list(connectionId: string | null): Promise<ApiKey[]> {
    return await this.#db
      .selectFrom("api_keys")
      .selectAll()
      .where("connection_id", connectionId === null ? "is" : "=", connectionId)
      .orderBy("id", "desc")
      .execute();
  }

  /** Revokes a key of that connection (null: installation-wide). False when there is no such live key. */
  async revoke(connectionId: string | null, id: number): Promise<boolean> {
    const result = await this.#db
      .updateTable("api_keys")
      .set({ revoked_at: sql<Date>`now()` })
      .where("id", "=", id)
      .where("connection_id", connectionId === null ? "is" : "=", connectionId)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Stamps last use at most once a minute per key, so busy keys do not write on every request. */
  async touch(id: number): Promise<void> {
    await this.#db
      .updateTable("api_keys")
      .set({ last_used_at: sql<Date>`now()` })
      .where("id", "=", id)
      .where((eb) =>
        eb.or([
          eb("last_used_at", "is", null),
          eb("last_used_at", "<", sql<Date>`now() - interval '1 minute'`),
        ]),
      )
      .execute();
  }
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** Whether a key with these scopes may do what `needed` allows: admin includes write, write includes read. */
export function scopeAllows(scopes: readonly ApiScope[], needed: ApiScope): boolean {
  const rank = (scope: ApiScope) => API_SCOPES.indexOf(scope);
  return scopes.some((scope) => rank(scope) >= rank(needed));
}
