import type { DbExecutor, MessageLinkDirection, NewMessageLink } from "../database-schema.ts";

/** Where a message in the backend group came from (or went to) on the client side. */
export interface ClientMessageRef {
  dialogId: number;
  clientChatId: number;
  clientMessageId: number;
  direction: MessageLinkDirection;
}

/**
 * Links between a client-side message and its copy in the topic (either way round), so replies,
 * edits and reactions can be mirrored. Ids only, never content. Kept 90 days.
 */
export class MessageLinkRepository {
  readonly #db: DbExecutor;

  constructor(db: DbExecutor) {
    this.#db = db;
  }

  /**
   * Records a link; recording it again is a no-op, because delivery replays after a crash.
   * Returns whether this call inserted it.
   */
  async record(link: NewMessageLink): Promise<boolean> {
    return (await this.recordMany([link])) > 0;
  }

  /** Records the links of one album at once; returns how many were new. */
  async recordMany(links: readonly NewMessageLink[]): Promise<number> {
    if (links.length === 0) {
      return 0;
    }
    const result = await this.#db
      .insertInto("message_links")
      .values([...links])
      .onConflict((conflict) => conflict.doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n);
  }

  async findTopicMessage(dialogId: number, clientMessageId: number): Promise<number | undefined> {
    const row = await this.#db
      .selectFrom("message_links")
      .select("topic_message_id")
      .where("dialog_id", "=", dialogId)
      .where("client_message_id", "=", clientMessageId)
      .executeTakeFirst();
    return row?.topic_message_id;
  }

  async findClientMessage(
    backendChatId: number,
    topicMessageId: number,
  ): Promise<ClientMessageRef | undefined> {
    return await this.#db
      .selectFrom("message_links")
      .select([
        "dialog_id as dialogId",
        "client_chat_id as clientChatId",
        "client_message_id as clientMessageId",
        "direction",
      ])
      .where("backend_chat_id", "=", backendChatId)
      .where("topic_message_id", "=", topicMessageId)
      .executeTakeFirst();
  }

  /** The topic copies of several client messages of one dialog, in the order they appear in the topic. */
  async topicMessagesOf(dialogId: number, clientMessageIds: readonly number[]): Promise<number[]> {
    if (clientMessageIds.length === 0) return [];
    const rows = await this.#db
      .selectFrom("message_links")
      .select("topic_message_id")
      .where("dialog_id", "=", dialogId)
      .where("client_message_id", "in", [...clientMessageIds])
      .orderBy("topic_message_id")
      .execute();
    return rows.map((row) => row.topic_message_id);
  }

  /** Deletes links created before `olderThan`; returns how many. */
  async prune(olderThan: Date): Promise<number> {
    const result = await this.#db
      .deleteFrom("message_links")
      .where("created_at", "<", olderThan)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
