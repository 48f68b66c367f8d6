import { randomBytes } from "node:crypto";
import type { DbExecutor } from "../database-schema.ts";
import type { SecretBox } from "../secret-box.ts";

/** A connection's webhook keys in plaintext (see `WebhookKeysTable` for why there are two). */
export interface WebhookKeys {
  apiKey: string;
  signingSecret: string;
}

/** Creates a connection's webhook keys on first use, reveals them, and rotates them on request. */
export class WebhookKeyRepository {
  readonly #db: DbExecutor;
  readonly #box: SecretBox;

  constructor(db: DbExecutor, box: SecretBox) {
    this.#db = db;
    this.#box = box;
  }

  /** The connection's keys, created now if it has none (concurrent callers get the same ones). */
  async ensure(connectionId: string): Promise<WebhookKeys> {
    await this.#db
      .insertInto("webhook_keys")
      .values(this.#sealed(connectionId, newKeys()))
      .onConflict((conflict) => conflict.column("connection_id").doNothing())
      .execute();
    const row = await this.#db
      .selectFrom("webhook_keys")
      .selectAll()
      .where("connection_id", "=", connectionId)
      .executeTakeFirstOrThrow();
    return {
      apiKey: this.#box.open(row.api_key_encrypted),
      signingSecret: this.#box.open(row.signing_secret_encrypted),
    };
  }

  /** New keys; receivers must be told them before the next delivery verifies. */
  async rotate(connectionId: string): Promise<WebhookKeys> {
    const keys = newKeys();
    const row = this.#sealed(connectionId, keys);
    await this.#db
      .insertInto("webhook_keys")
      .values(row)
      .onConflict((conflict) =>
        conflict.column("connection_id").doUpdateSet({
          api_key_encrypted: row.api_key_encrypted,
          signing_secret_encrypted: row.signing_secret_encrypted,
        }),
      )
      .execute();
    return keys;
  }

  #sealed(connectionId: string, keys: WebhookKeys) {
    return {
      connection_id: connectionId,
      api_key_encrypted: this.#box.seal(keys.apiKey),
      signing_secret_encrypted: this.#box.seal(keys.signingSecret),
    };
  }
}

/** 32 random bytes each: unguessable, and short enough to paste into a receiver's configuration. */
export function newWebhookSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

function newKeys(): WebhookKeys {
  return { apiKey: newWebhookSecret("tdk_"), signingSecret: newWebhookSecret("whsec_") };
}
