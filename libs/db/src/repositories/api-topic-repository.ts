import type { DbExecutor } from "../database-schema.ts";
import type { ApiTopic } from "../schema/api-tables.ts";

export interface NewApiTopic {
  connectionId: string;
  key: string;
  name: string;
  backendChatId: number;
  topicId: number;
  iconColor: number | null;
}

/** Custom topics (team chat, news, payments …) created through the API, found by their key. */
export class ApiTopicRepository {
  readonly #db: DbExecutor;

  constructor(db: DbExecutor) {
    this.#db = db;
  }

  async get(connectionId: string, key: string): Promise<ApiTopic | undefined> {
    return await this.#db
      .selectFrom("api_topics")
      .selectAll()
      .where("connection_id", "=", connectionId)
      .where("key", "=", key)
      .executeTakeFirst();
  }

  async list(connectionId: string): Promise<ApiTopic[]> {
    return await this.#db
      .selectFrom("api_topics")
      .selectAll()
      .where("connection_id", "=", connectionId)
      .orderBy("key")
      .execute();
  }

  /** Records a created topic; when two requests raced for one key, the first one's row is returned. */
  async add(topic: NewApiTopic): Promise<ApiTopic> {
    await this.#db
      .insertInto("api_topics")
      .values({
        connection_id: topic.connectionId,
        key: topic.key,
        name: topic.name,
        backend_chat_id: topic.backendChatId,
        topic_id: topic.topicId,
        icon_color: topic.iconColor,
      })
      .onConflict((conflict) => conflict.columns(["connection_id", "key"]).doNothing())
      .execute();
    const row = await this.get(topic.connectionId, topic.key);
    if (!row) throw new Error(`api topic ${topic.key} vanished right after it was recorded`);
    return row;
  }

  async remove(connectionId: string, key: string): Promise<boolean> {
    const result = await this.#db
      .deleteFrom("api_topics")
      .where("connection_id", "=", connectionId)
      .where("key", "=", key)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
