import { type Kysely, sql } from "kysely";

/**
 * Indexes for the team analytics (`/stats`) and the client export (`/export`), which read the
 * append-only `dialog_events` log. Frozen once released, like every migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // A connection's events of one kind in a period: counts (new, closed, messages in and out), load
  // by weekday and hour, per-operator figures, and the conversations that started in the period.
  // The included columns let those scans answer from the index alone.
  await sql`
    create index dialog_events_connection_kind_at_idx
    on dialog_events (connection_id, kind, at) include (dialog_id, operator_id)
  `.execute(db);
  // Per conversation: its next start, first operator answer and first close; per dialog in the
  // export: message counts and the last operator. Each is a short range scan here.
  await sql`
    create index dialog_events_dialog_kind_at_idx
    on dialog_events (dialog_id, kind, at) include (operator_id)
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("dialog_events_dialog_kind_at_idx").execute();
  await db.schema.dropIndex("dialog_events_connection_kind_at_idx").execute();
}
