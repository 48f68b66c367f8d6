import type { MtprotoCallResult, MtprotoOperation } from "@topicdesk/contracts";
import type { Database } from "@topicdesk/db";
import type { Logger } from "@topicdesk/telemetry";
import type { Kysely } from "kysely";

/**
 * The messages this session sent for delivery, so that seeing them again as updates (Telegram
 * reports an account's own sends like any other outgoing message) does not show them as
 * "intercepted" or relay them as an operator's message. Telegram may hand out the update before the
 * send call returns the message id, so a look-up first waits for the call in flight.
 *
 * Kept in Postgres (`mtproto_sent_messages`), not in memory: a catch-up after a restart, or on
 * another replica after a takeover, replays the session's own sends too, welcomes and notices
 * included (which have no message link the router could recognise).
 */
export interface OwnSends {
  /** Runs one call, recording what it sent. */
  track(operation: MtprotoOperation, run: () => Promise<MtprotoCallResult>): Promise<MtprotoCallResult>;
  /** Whether the message is one of ours; waits for the call in flight first. */
  isOwn(chatId: number, messageId: number): Promise<boolean>;
  /** Forgets sends older than `olderThanMs` (a catch-up does not reach back that far). */
  prune(olderThanMs: number): Promise<void>;
}

export interface OwnSendsOptions {
  db: Kysely<Database>;
  connectionId: string;
  log: Logger;
  /** Attempts to record a send before giving up (the message is out either way). Default 3. */
  recordAttempts?: number;
}

export function createOwnSends(options: OwnSendsOptions): OwnSends {
  const { db, connectionId } = options;
  let inFlight: Promise<unknown> = Promise.resolve();
  const record = async (chatId: number, messageIds: number[]) => {
    const rows = messageIds.map((id) => ({ connection_id: connectionId, chat_id: chatId, message_id: id }));
    const attempts = options.recordAttempts ?? 3;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await db
          .insertInto("mtproto_sent_messages")
          .values(rows)
          .onConflict((c) => c.doNothing())
          .execute();
        return;
      } catch (error) {
        // The message went out: failing the call now would make delivery send it again. At worst
        // its echo shows once as intercepted.
        if (attempt >= attempts) {
          options.log.error({ err: error, connection: connectionId }, "could not record an own send");
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  };
  return {
    async track(operation, run) {
      const running = (async () => {
        const result = await run();
        const chatId = destinationOf(operation);
        const ids = result.messageIds ?? [];
        if (chatId !== undefined && ids.length > 0) await record(chatId, ids);
        return result;
      })();
      inFlight = running.catch(() => undefined);
      return await running;
    },
    async isOwn(chatId, messageId) {
      await inFlight;
      const row = await db
        .selectFrom("mtproto_sent_messages")
        .select("message_id")
        .where("connection_id", "=", connectionId)
        .where("chat_id", "=", chatId)
        .where("message_id", "=", messageId)
        .executeTakeFirst();
      return row !== undefined;
    },
    async prune(olderThanMs) {
      await db
        .deleteFrom("mtproto_sent_messages")
        .where("connection_id", "=", connectionId)
        .where("sent_at", "<", new Date(Date.now() - olderThanMs))
        .execute();
    },
  };
}

function destinationOf(operation: MtprotoOperation): number | undefined {
  switch (operation.op) {
    case "messages.copy":
    case "messages.forward":
      return operation.toChatId;
    case "text.send":
    case "file.send":
      return operation.chatId;
    default:
      return undefined;
  }
}
