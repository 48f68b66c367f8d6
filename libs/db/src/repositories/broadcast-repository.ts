import { sql } from "kysely";
import type { DbExecutor } from "../database-schema.ts";
import type {
  Broadcast,
  BroadcastRecipient,
  BroadcastStatus,
  NewBroadcast,
  RecipientStatus,
} from "../schema/broadcast-tables.ts";

/** Who a broadcast goes to, and through which connection's bot. */
export interface BroadcastTarget {
  chatId: number;
  connectionId: string;
}

/** A segment of a backend group's clients (`all`, `label:<name>`, last activity, connection). */
export interface AudienceQuery {
  backendChatId: number;
  /** Restrict to these connections; absent: every connection serving the group. */
  connectionIds?: readonly string[];
  /** Clients carrying any of these labels (lower case). */
  labels?: readonly string[];
  /** Clients who wrote at or after this moment. */
  activeSince?: Date;
  /** Clients who have not written since this moment (or never). */
  inactiveSince?: Date;
}

const INSERT_CHUNK = 1000;

/**
 * Broadcasts and their recipients. Each recipient row moves pending → sending → sent | blocked |
 * failed exactly once, so a runner that restarts resumes without writing to anyone twice.
 */
export class BroadcastRepository {
  readonly #db: DbExecutor;

  constructor(db: DbExecutor) {
    this.#db = db;
  }

  /** Private client chats of a segment; banned clients never get broadcasts. */
  async audience(query: AudienceQuery): Promise<BroadcastTarget[]> {
    let select = this.#db
      .selectFrom("dialogs")
      .select(["client_chat_id as chatId", "connection_id as connectionId"])
      .where("backend_chat_id", "=", query.backendChatId)
      .where("chat_type", "=", "private")
      .where("banned", "=", false);
    if (query.connectionIds) select = select.where("connection_id", "in", [...query.connectionIds]);
    if (query.labels && query.labels.length > 0) {
      select = select.where(sql<boolean>`labels && ${sql.val([...query.labels])}::text[]`);
    }
    if (query.activeSince) select = select.where("last_client_message_at", ">=", query.activeSince);
    if (query.inactiveSince) {
      const since = query.inactiveSince;
      select = select.where((eb) =>
        eb.or([eb("last_client_message_at", "is", null), eb("last_client_message_at", "<", since)]),
      );
    }
    return await select.orderBy("id").execute();
  }

  /** The connections a recipient id has dialogs with in this group (for `list` and `test`). */
  async connectionsOf(backendChatId: number, chatIds: readonly number[]): Promise<BroadcastTarget[]> {
    if (chatIds.length === 0) return [];
    return await this.#db
      .selectFrom("dialogs")
      .select(["client_chat_id as chatId", "connection_id as connectionId"])
      .where("backend_chat_id", "=", backendChatId)
      .where("client_chat_id", "in", [...chatIds])
      .orderBy("id")
      .execute();
  }

  /**
   * Stores a draft with its recipients, or returns the broadcast the same command event created
   * before (a replayed event). Call inside a transaction so a draft is never half-written.
   */
  async createDraft(broadcast: NewBroadcast, targets: readonly BroadcastTarget[]): Promise<Broadcast> {
    const existing = await this.findByCommandEvent(broadcast.command_event_id);
    if (existing) return existing;
    const created = await this.#db
      .insertInto("broadcasts")
      .values(broadcast)
      .returningAll()
      .executeTakeFirstOrThrow();
    for (let start = 0; start < targets.length; start += INSERT_CHUNK) {
      await this.#db
        .insertInto("broadcast_recipients")
        .values(
          targets.slice(start, start + INSERT_CHUNK).map((target) => ({
            broadcast_id: created.id,
            chat_id: target.chatId,
            connection_id: target.connectionId,
          })),
        )
        .onConflict((conflict) => conflict.columns(["broadcast_id", "chat_id"]).doNothing())
        .execute();
    }
    return created;
  }

  async find(id: number): Promise<Broadcast | undefined> {
    return await this.#db.selectFrom("broadcasts").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async findByCommandEvent(eventId: string): Promise<Broadcast | undefined> {
    return await this.#db
      .selectFrom("broadcasts")
      .selectAll()
      .where("command_event_id", "=", eventId)
      .executeTakeFirst();
  }

  /** Moves a broadcast from one of `from` to `to`; undefined when it was in another state. */
  async transition(
    id: number,
    from: readonly BroadcastStatus[],
    to: BroadcastStatus,
    at: Date,
  ): Promise<Broadcast | undefined> {
    return await this.#db
      .updateTable("broadcasts")
      .set({
        status: to,
        ...(to === "running" ? { started_at: sql<Date>`coalesce(started_at, ${at})` } : {}),
        ...(to === "done" || to === "cancelled"
          ? { finished_at: at, lease_owner: null, lease_until: null }
          : {}),
      })
      .where("id", "=", id)
      .where("status", "in", [...from])
      .returningAll()
      .executeTakeFirst();
  }

  /** Starts scheduled broadcasts that are due. */
  async startDue(now: Date): Promise<number> {
    const result = await this.#db
      .updateTable("broadcasts")
      .set({ status: "running", started_at: now })
      .where("status", "=", "scheduled")
      .where("scheduled_at", "<=", now)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /**
   * Takes a running broadcast nobody holds (no lease, or an expired one: its runner died) for
   * `owner` until `until`. One broadcast at a time per call; SKIP LOCKED keeps replicas apart.
   */
  async claimRunning(owner: string, now: Date, until: Date): Promise<Broadcast | undefined> {
    return await this.#db
      .updateTable("broadcasts")
      .set({ lease_owner: owner, lease_until: until })
      .where(
        "id",
        "=",
        this.#db
          .selectFrom("broadcasts")
          .select("id")
          .where("status", "=", "running")
          .where((eb) =>
            eb.or([
              eb("lease_until", "is", null),
              eb("lease_until", "<", now),
              eb("lease_owner", "=", owner),
            ]),
          )
          .orderBy("id")
          .limit(1)
          .forUpdate()
          .skipLocked(),
      )
      .returningAll()
      .executeTakeFirst();
  }

  /** Extends the lease; false when another runner took the broadcast over (or it ended). */
  async renewLease(id: number, owner: string, until: Date): Promise<boolean> {
    const result = await this.#db
      .updateTable("broadcasts")
      .set({ lease_until: until })
      .where("id", "=", id)
      .where("lease_owner", "=", owner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async releaseLease(id: number, owner: string): Promise<void> {
    await this.#db
      .updateTable("broadcasts")
      .set({ lease_owner: null, lease_until: null })
      .where("id", "=", id)
      .where("lease_owner", "=", owner)
      .execute();
  }

  /**
   * Recipients left `sending` by a runner that died mid-call may or may not have the message;
   * sending again could write to them twice, so they are recorded as failed instead.
   */
  async failInterrupted(id: number, at: Date): Promise<number> {
    const result = await this.#db
      .updateTable("broadcast_recipients")
      .set({ status: "failed", reason: "interrupted (not resent, to avoid a duplicate)", updated_at: at })
      .where("broadcast_id", "=", id)
      .where("status", "=", "sending")
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async nextPending(id: number, limit: number): Promise<BroadcastRecipient[]> {
    return await this.#db
      .selectFrom("broadcast_recipients")
      .selectAll()
      .where("broadcast_id", "=", id)
      .where("status", "=", "pending")
      .orderBy("chat_id")
      .limit(limit)
      .execute();
  }

  /** Marks a recipient in flight; false when someone else already did (never send then). */
  /**
   * Claims one recipient (pending → sending), only while the broadcast is still running: a pause or
   * a cancel takes effect before the next recipient, not at the end of a round.
   */
  async markSending(id: number, chatId: number, at: Date): Promise<boolean> {
    const result = await this.#db
      .updateTable("broadcast_recipients")
      .set({ status: "sending", updated_at: at })
      .where("broadcast_id", "=", id)
      .where("chat_id", "=", chatId)
      .where("status", "=", "pending")
      .where((eb) =>
        eb.exists(
          eb.selectFrom("broadcasts").select("id").where("id", "=", id).where("status", "=", "running"),
        ),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async recordOutcome(
    id: number,
    chatId: number,
    outcome: { status: "sent" | "blocked" | "failed"; reason?: string; messageId?: number },
    at: Date,
  ): Promise<void> {
    await this.#db
      .updateTable("broadcast_recipients")
      .set({
        status: outcome.status,
        reason: outcome.reason ?? null,
        message_id: outcome.messageId ?? null,
        updated_at: at,
      })
      .where("broadcast_id", "=", id)
      .where("chat_id", "=", chatId)
      .where("status", "=", "sending")
      .execute();
  }

  /** A cancelled broadcast's recipients who were not reached yet. */
  async skipPending(id: number, at: Date): Promise<number> {
    const result = await this.#db
      .updateTable("broadcast_recipients")
      .set({ status: "skipped", reason: "cancelled", updated_at: at })
      .where("broadcast_id", "=", id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async countByStatus(id: number): Promise<Record<RecipientStatus, number>> {
    const rows = await this.#db
      .selectFrom("broadcast_recipients")
      .select(["status", (eb) => eb.fn.countAll<number>().as("count")])
      .where("broadcast_id", "=", id)
      .groupBy("status")
      .execute();
    const counts: Record<RecipientStatus, number> = {
      pending: 0,
      sending: 0,
      sent: 0,
      blocked: 0,
      failed: 0,
      skipped: 0,
    };
    for (const row of rows) counts[row.status] = Number(row.count);
    return counts;
  }

  async recipients(id: number): Promise<BroadcastRecipient[]> {
    return await this.#db
      .selectFrom("broadcast_recipients")
      .selectAll()
      .where("broadcast_id", "=", id)
      .orderBy("chat_id")
      .execute();
  }

  async setProgressMessage(id: number, messageId: number): Promise<void> {
    await this.#db
      .updateTable("broadcasts")
      .set({ progress_message_id: messageId })
      .where("id", "=", id)
      .execute();
  }

  /** True for the one caller that marks the report sent; a second runner skips it. */
  async markReportSent(id: number, at: Date): Promise<boolean> {
    const result = await this.#db
      .updateTable("broadcasts")
      .set({ report_sent_at: at })
      .where("id", "=", id)
      .where("report_sent_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Broadcasts that ended (done, or cancelled after they started) and still owe their report. */
  async awaitingReport(): Promise<Broadcast[]> {
    return await this.#db
      .selectFrom("broadcasts")
      .selectAll()
      .where("report_sent_at", "is", null)
      .where((eb) =>
        eb.or([
          eb("status", "=", "done"),
          eb.and([eb("status", "=", "cancelled"), eb("started_at", "is not", null)]),
        ]),
      )
      .orderBy("id")
      .execute();
  }

  /** Recent broadcasts of a backend group, newest first (`/send list`). */
  async recent(backendChatId: number, limit: number): Promise<Broadcast[]> {
    return await this.#db
      .selectFrom("broadcasts")
      .selectAll()
      .where("backend_chat_id", "=", backendChatId)
      .orderBy("id", "desc")
      .limit(limit)
      .execute();
  }
}
