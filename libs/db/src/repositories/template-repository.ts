import type { DbExecutor } from "../database-schema.ts";
import type { NewQuickReply, QuickReplyRow } from "../schema/modules-tables.ts";

/**
 * Quick replies (`/say`): per connection, a name → message ids in the backend group. Only the
 * reference is stored; Telegram keeps the content, and sending one copies it from there.
 */
export class TemplateRepository {
  readonly #db: DbExecutor;

  constructor(db: DbExecutor) {
    this.#db = db;
  }

  async list(connectionId: string): Promise<QuickReplyRow[]> {
    return await this.#db
      .selectFrom("quick_replies")
      .selectAll()
      .where("connection_id", "=", connectionId)
      .orderBy("name")
      .execute();
  }

  async get(connectionId: string, name: string): Promise<QuickReplyRow | undefined> {
    return await this.#db
      .selectFrom("quick_replies")
      .selectAll()
      .where("connection_id", "=", connectionId)
      .where("name", "=", name)
      .executeTakeFirst();
  }

  /** Saves the quick reply, replacing one of the same name. */
  async save(input: NewQuickReply): Promise<void> {
    const { connection_id: _connection, name: _name, ...changes } = input;
    await this.#db
      .insertInto("quick_replies")
      .values(input)
      .onConflict((conflict) => conflict.columns(["connection_id", "name"]).doUpdateSet(changes))
      .execute();
  }

  /** True when there was one to delete. */
  async delete(connectionId: string, name: string): Promise<boolean> {
    const result = await this.#db
      .deleteFrom("quick_replies")
      .where("connection_id", "=", connectionId)
      .where("name", "=", name)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
