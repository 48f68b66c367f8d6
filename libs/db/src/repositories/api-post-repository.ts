import { sql } from "kysely";
import type { DbExecutor } from "../database-schema.ts";
import type { ApiPost } from "../schema/api-tables.ts";

export type ApiPostOutcome = { status: "sent"; messageId: number } | { status: "failed"; reason: string };

/** Messages posted through the API: queued when the job is added, then sent or failed. */
export class ApiPostRepository {
  readonly #db: DbExecutor;

  constructor(db: DbExecutor) {
    this.#db = db;
  }

  /** A post about to be queued, with where it goes (the chat, and the topic if any). */
  async add(
    jobId: string,
    connectionId: string,
    where: { chatId: number; threadId: number | null },
  ): Promise<void> {
    await this.#db
      .insertInto("api_posts")
      .values({
        job_id: jobId,
        connection_id: connectionId,
        chat_id: where.chatId,
        thread_id: where.threadId,
      })
      .execute();
  }

  async get(connectionId: string, jobId: string): Promise<ApiPost | undefined> {
    return await this.#db
      .selectFrom("api_posts")
      .selectAll()
      .where("job_id", "=", jobId)
      .where("connection_id", "=", connectionId)
      .executeTakeFirst();
  }

  /** Records the outcome once; a replayed outcome event finds the post finished and changes nothing. */
  async finish(jobId: string, outcome: ApiPostOutcome): Promise<void> {
    const values =
      outcome.status === "sent"
        ? { status: outcome.status, message_id: outcome.messageId }
        : { status: outcome.status, reason: outcome.reason };
    await this.#db
      .updateTable("api_posts")
      .set({ ...values, finished_at: sql<Date>`now()` })
      .where("job_id", "=", jobId)
      .where("status", "=", "queued")
      .execute();
  }

  async prune(olderThan: Date): Promise<number> {
    const result = await this.#db
      .deleteFrom("api_posts")
      .where("created_at", "<", olderThan)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
