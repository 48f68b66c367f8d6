import { sql } from "kysely";
import type { DbExecutor, Dialog } from "../database-schema.ts";
import type { LabelRow } from "../schema/modules-tables.ts";

export interface LabelPatch {
  ticker?: string | null;
  removes?: string[];
  sendsTemplate?: string | null;
}

/**
 * Labels (`/mark`) of a connection: their definitions here, the labels a dialog carries in
 * `dialogs.labels`. Renaming or deleting a label changes both, so the two never disagree.
 */
export class LabelRepository {
  readonly #db: DbExecutor;

  constructor(db: DbExecutor) {
    this.#db = db;
  }

  async list(connectionId: string): Promise<LabelRow[]> {
    return await this.#db
      .selectFrom("labels")
      .selectAll()
      .where("connection_id", "=", connectionId)
      .orderBy("name")
      .execute();
  }

  /** False when the connection already has a label of that name. */
  async create(connectionId: string, name: string, createdBy: number | null): Promise<boolean> {
    const result = await this.#db
      .insertInto("labels")
      .values({ connection_id: connectionId, name, created_by: createdBy })
      .onConflict((conflict) => conflict.doNothing())
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }

  async update(connectionId: string, name: string, patch: LabelPatch): Promise<void> {
    const set: { ticker?: string | null; removes?: string[]; sends_template?: string | null } = {};
    if (patch.ticker !== undefined) set.ticker = patch.ticker;
    if (patch.removes !== undefined) set.removes = patch.removes;
    if (patch.sendsTemplate !== undefined) set.sends_template = patch.sendsTemplate;
    if (Object.keys(set).length === 0) return;
    await this.#db
      .updateTable("labels")
      .set(set)
      .where("connection_id", "=", connectionId)
      .where("name", "=", name)
      .execute();
  }

  /** Renames the label, on the dialogs that carry it and in other labels' `after` lists too. */
  async rename(connectionId: string, name: string, newName: string): Promise<void> {
    await this.#db
      .updateTable("labels")
      .set({ name: newName })
      .where("connection_id", "=", connectionId)
      .where("name", "=", name)
      .execute();
    await this.#db
      .updateTable("labels")
      .set({ removes: sql<string[]>`array_replace(removes, ${name}, ${newName})` })
      .where("connection_id", "=", connectionId)
      .where(sql<boolean>`${name} = any(removes)`)
      .execute();
    await this.#db
      .updateTable("dialogs")
      .set({ labels: sql<string[]>`array_replace(labels, ${name}, ${newName})`, updated_at: sql`now()` })
      .where("connection_id", "=", connectionId)
      .where(sql<boolean>`labels @> array[${name}]::text[]`)
      .execute();
  }

  /** Deletes the label and takes it off every dialog and out of other labels' `after` lists. */
  async delete(connectionId: string, name: string): Promise<void> {
    await this.#db
      .deleteFrom("labels")
      .where("connection_id", "=", connectionId)
      .where("name", "=", name)
      .execute();
    await this.#db
      .updateTable("labels")
      .set({ removes: sql<string[]>`array_remove(removes, ${name})` })
      .where("connection_id", "=", connectionId)
      .where(sql<boolean>`${name} = any(removes)`)
      .execute();
    await this.#db
      .updateTable("dialogs")
      .set({ labels: sql<string[]>`array_remove(labels, ${name})`, updated_at: sql`now()` })
      .where("connection_id", "=", connectionId)
      .where(sql<boolean>`labels @> array[${name}]::text[]`)
      .execute();
  }

  /** Dialogs of the connection carrying the label (the GIN index on `dialogs.labels` serves this). */
  async dialogsWith(connectionId: string, name: string): Promise<Dialog[]> {
    return await this.#db
      .selectFrom("dialogs")
      .selectAll()
      .where("connection_id", "=", connectionId)
      .where(sql<boolean>`labels @> array[${name}]::text[]`)
      .orderBy("id")
      .execute();
  }
}
