import type { DbExecutor } from "../database-schema.ts";

/**
 * Parts of a client's album (media group). Telegram delivers each part as its own update; the router
 * collects them here so delivery can copy the album in one `copyMessages` call.
 */
export class AlbumRepository {
  readonly #db: DbExecutor;

  constructor(db: DbExecutor) {
    this.#db = db;
  }

  /** Adds a part; adding it again (a replayed update) is a no-op. True when it was new. */
  async addPart(
    connectionId: string,
    chatId: number,
    mediaGroupId: string,
    messageId: number,
  ): Promise<boolean> {
    const result = await this.#db
      .insertInto("album_parts")
      .values({
        connection_id: connectionId,
        chat_id: chatId,
        media_group_id: mediaGroupId,
        message_id: messageId,
      })
      .onConflict((conflict) => conflict.doNothing())
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }

  /** Message ids of the album's parts in ascending order, which is the order the client sent them. */
  async parts(connectionId: string, chatId: number, mediaGroupId: string): Promise<number[]> {
    const rows = await this.#db
      .selectFrom("album_parts")
      .select("message_id")
      .where("connection_id", "=", connectionId)
      .where("chat_id", "=", chatId)
      .where("media_group_id", "=", mediaGroupId)
      .orderBy("message_id")
      .execute();
    return rows.map((row) => row.message_id);
  }

  /**
   * The album a message belongs to, when it is a recorded part of one: `/say` follows a client's
   * album from one of its copies in the topic back to all its parts.
   */
  async albumOf(connectionId: string, chatId: number, messageId: number): Promise<string | undefined> {
    const row = await this.#db
      .selectFrom("album_parts")
      .select("media_group_id")
      .where("connection_id", "=", connectionId)
      .where("chat_id", "=", chatId)
      .where("message_id", "=", messageId)
      .executeTakeFirst();
    return row?.media_group_id;
  }

  async prune(olderThan: Date): Promise<number> {
    const result = await this.#db
      .deleteFrom("album_parts")
      .where("created_at", "<", olderThan)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
