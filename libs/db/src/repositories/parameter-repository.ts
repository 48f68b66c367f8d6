import type { DbExecutor } from "../database-schema.ts";

/**
 * Per-connection parameters as raw text, exactly as the user wrote them. Parsing, defaults and
 * validation belong to the parameter definitions, which read this.
 */
export class ParameterRepository {
  readonly #db: DbExecutor;

  constructor(db: DbExecutor) {
    this.#db = db;
  }

  async listRaw(connectionId: string): Promise<Record<string, string>> {
    const rows = await this.#db
      .selectFrom("parameters")
      .select(["name", "value"])
      .where("connection_id", "=", connectionId)
      .execute();
    return Object.fromEntries(rows.map((row) => [row.name, row.value]));
  }

  /** Sets (or replaces) a value; `by` is the Telegram user who changed it, when a person did. */
  async set(connectionId: string, name: string, value: string, by?: number): Promise<void> {
    const change = { value, updated_by: by ?? null };
    await this.#db
      .insertInto("parameters")
      .values({ connection_id: connectionId, name, ...change })
      .onConflict((conflict) =>
        conflict
          .columns(["connection_id", "name"])
          .doUpdateSet((eb) => ({ ...change, updated_at: eb.fn("now") })),
      )
      .execute();
  }

  /** Removes a value so its default applies again. False when it was not set. */
  async unset(connectionId: string, name: string): Promise<boolean> {
    const result = await this.#db
      .deleteFrom("parameters")
      .where("connection_id", "=", connectionId)
      .where("name", "=", name)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
