import type { DbExecutor } from "../database-schema.ts";
import { isUniqueViolation } from "../repository-errors.ts";
import type { WebhookEndpoint } from "../schema/webhook-tables.ts";
import type { SecretBox } from "../secret-box.ts";
import { newWebhookSecret } from "./webhook-key-repository.ts";

/** A receiver as callers see it: the signing secret stays sealed until `revealSecret`. */
export type WebhookEndpointView = Omit<WebhookEndpoint, "secret_encrypted">;

export interface NewWebhookEndpoint {
  connectionId: string;
  /** An absolute http(s) URL; validate it (and the events) with `parseWebhooksValue` first. */
  url: string;
  /** Event names and `/commands`, as in the WEBHOOKS parameter. */
  events: readonly string[];
}

/** The connection already has a receiver at this URL: update its events instead. */
export class WebhookEndpointExistsError extends Error {
  override readonly name = "WebhookEndpointExistsError";
}

const VIEW_COLUMNS = ["id", "connection_id", "url", "events", "created_at"] as const;

/**
 * Receivers registered through the HTTP API or the CLI (the WEBHOOKS parameter is the other
 * source). Each gets a signing secret of its own, returned once at creation and on `revealSecret`.
 */
export class WebhookEndpointRepository {
  readonly #db: DbExecutor;
  readonly #box: SecretBox;

  constructor(db: DbExecutor, box: SecretBox) {
    this.#db = db;
    this.#box = box;
  }

  async create(input: NewWebhookEndpoint): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
    const secret = newWebhookSecret("whsec_");
    try {
      const endpoint = await this.#db
        .insertInto("webhook_endpoints")
        .values({
          connection_id: input.connectionId,
          url: input.url,
          events: [...input.events],
          secret_encrypted: this.#box.seal(secret),
        })
        .returning(VIEW_COLUMNS)
        .executeTakeFirstOrThrow();
      return { endpoint, secret };
    } catch (error) {
      if (isUniqueViolation(error, "webhook_endpoints_connection_url_key")) {
        throw new WebhookEndpointExistsError(`connection ${input.connectionId} already has this receiver`);
      }
      throw error;
    }
  }

  async list(connectionId: string): Promise<WebhookEndpointView[]> {
    return await this.#db
      .selectFrom("webhook_endpoints")
      .select(VIEW_COLUMNS)
      .where("connection_id", "=", connectionId)
      .orderBy("id")
      .execute();
  }

  /** Scoped by connection, so one connection's key never reaches another's receivers. */
  async get(connectionId: string, id: number): Promise<WebhookEndpointView | undefined> {
    return await this.#db
      .selectFrom("webhook_endpoints")
      .select(VIEW_COLUMNS)
      .where("connection_id", "=", connectionId)
      .where("id", "=", id)
      .executeTakeFirst();
  }

  async setEvents(
    connectionId: string,
    id: number,
    events: readonly string[],
  ): Promise<WebhookEndpointView | undefined> {
    return await this.#db
      .updateTable("webhook_endpoints")
      .set({ events: [...events] })
      .where("connection_id", "=", connectionId)
      .where("id", "=", id)
      .returning(VIEW_COLUMNS)
      .executeTakeFirst();
  }

  /** False when there was no such receiver. */
  async remove(connectionId: string, id: number): Promise<boolean> {
    const result = await this.#db
      .deleteFrom("webhook_endpoints")
      .where("connection_id", "=", connectionId)
      .where("id", "=", id)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** The signing secret of the receiver at this URL, if one is registered. */
  async secretFor(connectionId: string, url: string): Promise<string | undefined> {
    const row = await this.#db
      .selectFrom("webhook_endpoints")
      .select("secret_encrypted")
      .where("connection_id", "=", connectionId)
      .where("url", "=", url)
      .executeTakeFirst();
    return row === undefined ? undefined : this.#box.open(row.secret_encrypted);
  }
}
