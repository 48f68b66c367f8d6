import { CONNECTION_ID_PATTERN } from "@topicdesk/contracts";
import type { Insertable } from "kysely";
import type { Connection, ConnectionStatus, ConnectionsTable, DbExecutor } from "../database-schema.ts";
import { InvalidConnectionIdError } from "../repository-errors.ts";
import type { SecretBox } from "../secret-box.ts";

/** A new connection as the caller knows it: secrets in plaintext, sealed here before they are stored. */
export type NewConnection = Omit<
  Insertable<ConnectionsTable>,
  "token_encrypted" | "webhook_secret_encrypted"
> & {
  token?: string | null;
  webhook_secret?: string | null;
};

/** A bot connection bootstrapped from configuration; its status is left as operators set it. */
export type BotConnectionInput = Omit<NewConnection, "kind" | "status" | "created_at">;

/** Connected bots and accounts. Secrets are stored sealed and only revealed on request. */
export class ConnectionRepository {
  readonly #db: DbExecutor;

  constructor(db: DbExecutor) {
    this.#db = db;
  }

  async create(input: NewConnection, box: SecretBox): Promise<Connection> {
    return await this.#db
      .insertInto("connections")
      .values(sealed(input, box))
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /**
   * Creates the connection or refreshes its bot identity, token and backend group: running the
   * same bootstrap twice changes nothing a person could see. Status and creation time are kept.
   */
  async upsertBotConnection(input: BotConnectionInput, box: SecretBox): Promise<Connection> {
    const row = sealed({ ...input, kind: "bot" }, box);
    return await this.#db
      .insertInto("connections")
      .values(row)
      .onConflict((conflict) =>
        conflict.column("id").doUpdateSet({
          kind: "bot",
          title: row.title,
          bot_user_id: row.bot_user_id ?? null,
          bot_username: row.bot_username ?? null,
          token_encrypted: row.token_encrypted,
          webhook_secret_encrypted: row.webhook_secret_encrypted,
          backend_chat_id: row.backend_chat_id,
          admin_user_id: row.admin_user_id ?? null,
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async get(id: string): Promise<Connection | undefined> {
    return await this.#db.selectFrom("connections").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async list(): Promise<Connection[]> {
    return await this.#db.selectFrom("connections").selectAll().orderBy("created_at").orderBy("id").execute();
  }

  /** Every connection whose backend group this is (several bots or accounts may share one group). */
  async findByBackendChat(chatId: number): Promise<Connection[]> {
    return await this.#db
      .selectFrom("connections")
      .selectAll()
      .where("backend_chat_id", "=", chatId)
      .orderBy("id")
      .execute();
  }

  /** Removes the connection with its dialogs, links and parameters. False when there was none. */
  async remove(id: string): Promise<boolean> {
    const result = await this.#db.deleteFrom("connections").where("id", "=", id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async setStatus(id: string, status: ConnectionStatus): Promise<Connection | undefined> {
    return await this.#db
      .updateTable("connections")
      .set({ status })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst();
  }

  revealToken(connection: Connection, box: SecretBox): string | undefined {
    return connection.token_encrypted === null ? undefined : box.open(connection.token_encrypted);
  }

  revealWebhookSecret(connection: Connection, box: SecretBox): string | undefined {
    return connection.webhook_secret_encrypted === null
      ? undefined
      : box.open(connection.webhook_secret_encrypted);
  }
}

function sealed(input: NewConnection, box: SecretBox): Insertable<ConnectionsTable> {
  if (!CONNECTION_ID_PATTERN.test(input.id)) {
    throw new InvalidConnectionIdError(input.id);
  }
  const { token, webhook_secret, ...row } = input;
  return {
    ...row,
    token_encrypted: token == null ? null : box.seal(token),
    webhook_secret_encrypted: webhook_secret == null ? null : box.seal(webhook_secret),
  };
}
