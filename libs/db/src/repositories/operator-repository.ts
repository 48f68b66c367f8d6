import type { Person } from "@topicdesk/contracts";
import type { DbExecutor, Operator } from "../database-schema.ts";

/** People who answered in a backend group, remembered so /info and analytics can name them. */
export class OperatorRepository {
  readonly #db: DbExecutor;

  constructor(db: DbExecutor) {
    this.#db = db;
  }

  /** Records that the operator was just active in the group, refreshing their name. */
  async touch(backendChatId: number, operator: Pick<Person, "id" | "firstName" | "username">): Promise<void> {
    const name = { first_name: operator.firstName, username: operator.username ?? null };
    await this.#db
      .insertInto("operators")
      .values({ backend_chat_id: backendChatId, user_id: operator.id, ...name })
      .onConflict((conflict) =>
        conflict
          .columns(["backend_chat_id", "user_id"])
          .doUpdateSet((eb) => ({ ...name, last_seen_at: eb.fn("now") })),
      )
      .execute();
  }

  async list(backendChatId: number): Promise<Operator[]> {
    return await this.#db
      .selectFrom("operators")
      .selectAll()
      .where("backend_chat_id", "=", backendChatId)
      .orderBy("last_seen_at", "desc")
      .execute();
  }
}
