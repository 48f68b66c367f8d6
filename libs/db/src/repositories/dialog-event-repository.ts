import type { DbExecutor, NewDialogEvent } from "../database-schema.ts";

/** Append-only log of what happened to dialogs, for analytics. Rows are never updated. */
export class DialogEventRepository {
  readonly #db: DbExecutor;

  constructor(db: DbExecutor) {
    this.#db = db;
  }

  async append(event: NewDialogEvent): Promise<void> {
    await this.#db.insertInto("dialog_events").values(event).execute();
  }
}
