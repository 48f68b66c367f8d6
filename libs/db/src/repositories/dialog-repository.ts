import { DialogStatus } from "@topicdesk/contracts";
import { sql } from "kysely";
import type { DbExecutor, Dialog, DialogPatch, NewDialog } from "../database-schema.ts";
import { DialogAlreadyExistsError, isUniqueViolation } from "../repository-errors.ts";

/** `SELECT … FOR UPDATE`: the row stays locked until the surrounding transaction ends. */
export interface RowLock {
  forUpdate?: boolean;
}

/** Dialogs: one per client chat and connection, linked to a forum topic in the backend group. */
export class DialogRepository {
  readonly #db: DbExecutor;

  constructor(db: DbExecutor) {
    this.#db = db;
  }

  /**
   * `forUpdate` also takes the row lock (inside a transaction): the router reads and locks the
   * dialog of an event in one round trip.
   */
  async findByClientChat(
    connectionId: string,
    clientChatId: number,
    options: RowLock = {},
  ): Promise<Dialog | undefined> {
    const query = this.#db
      .selectFrom("dialogs")
      .selectAll()
      .where("connection_id", "=", connectionId)
      .where("client_chat_id", "=", clientChatId);
    return await (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
  }

  /** The connection's dialog with a username (Telegram usernames are case-insensitive). */
  async findByUsername(connectionId: string, username: string): Promise<Dialog | undefined> {
    return await this.#db
      .selectFrom("dialogs")
      .selectAll()
      .where("connection_id", "=", connectionId)
      .where((eb) => eb(eb.fn("lower", ["username"]), "=", username.toLowerCase()))
      .orderBy("id")
      .executeTakeFirst();
  }

  async findByTopic(
    backendChatId: number,
    topicId: number,
    options: RowLock = {},
  ): Promise<Dialog | undefined> {
    const query = this.#db
      .selectFrom("dialogs")
      .selectAll()
      .where("backend_chat_id", "=", backendChatId)
      .where("topic_id", "=", topicId);
    return await (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
  }

  async getById(id: number): Promise<Dialog | undefined> {
    return await this.#db.selectFrom("dialogs").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** Throws DialogAlreadyExistsError when the client chat already has a dialog on this connection. */
  async create(input: NewDialog): Promise<Dialog> {
    try {
      return await this.#db.insertInto("dialogs").values(input).returningAll().executeTakeFirstOrThrow();
    } catch (error) {
      if (isUniqueViolation(error, "dialogs_connection_client_chat_key")) {
        throw new DialogAlreadyExistsError(input.connection_id, input.client_chat_id, error);
      }
      throw error;
    }
  }

  /**
   * Applies the patch and stamps `updated_at`. When the status actually changes, `status_changed_at`
   * is stamped too (unless the patch sets it), so no caller can forget it.
   */
  async update(id: number, patch: DialogPatch): Promise<Dialog | undefined> {
    const { status } = patch;
    return await this.#db
      .updateTable("dialogs")
      .set((eb) => ({
        ...patch,
        ...(patch.updated_at === undefined ? { updated_at: sql<Date>`now()` } : {}),
        ...(status === undefined || patch.status_changed_at !== undefined
          ? {}
          : {
              status_changed_at: eb
                .case()
                .when("status", "=", status)
                .then(eb.ref("status_changed_at"))
                .else(sql<Date>`now()`)
                .end(),
            }),
      }))
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst();
  }

  /** Links the dialog to its forum topic, or unlinks it (null) when the topic was deleted. */
  async setTopic(id: number, topicId: number | null): Promise<Dialog | undefined> {
    return await this.update(id, { topic_id: topicId });
  }

  /**
   * Dialogs of one connection in 🟨 whose status clock (last operator message or /wait) started
   * before `cutoff`: the candidates for auto-close.
   */
  async listSupportAnsweredBefore(connectionId: string, cutoff: Date): Promise<Dialog[]> {
    return await this.#db
      .selectFrom("dialogs")
      .selectAll()
      .where("connection_id", "=", connectionId)
      .where("status", "=", DialogStatus.SupportAnswered)
      // The router restarts this clock with every operator message and with /wait.
      .where("status_changed_at", "<", cutoff)
      .orderBy("status_changed_at")
      .execute();
  }
}
