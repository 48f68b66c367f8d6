import type { Connection, ConnectionRepository, SecretBox } from "@topicdesk/db";
import { classifyTelegramError, createBotApi } from "@topicdesk/telegram";
import { ApiError, badGateway } from "../app/api-errors.ts";

/**
 * Creates a forum topic in the connection's backend group and returns its id. A direct call rather
 * than a delivery job: the caller needs the topic id in the answer to post into it, topic creation
 * is a rare administrative act (not a message to a client), and Telegram answers at once. A refusal
 * becomes a clear error; a rate limit a 503 with Retry-After.
 */
export async function createForumTopic(
  connections: ConnectionRepository,
  connection: Connection,
  secretBox: SecretBox,
  telegramApiRoot: string,
  topic: { name: string; iconColor: number | null },
): Promise<number> {
  const token = connections.revealToken(connection, secretBox);
  if (!token)
    throw new ApiError(
      409,
      "conflict",
      `Connection ${connection.id} has no bot token to create topics with.`,
    );
  const api = createBotApi(token, { apiRoot: telegramApiRoot, timeoutMs: 15_000 });
  try {
    const created = await api.createForumTopic(
      connection.backend_chat_id,
      topic.name,
      topic.iconColor === null ? {} : { icon_color: topic.iconColor as 7322096 },
    );
    return created.message_thread_id;
  } catch (error) {
    const failure = classifyTelegramError(error);
    if (failure.kind === "rate-limited") {
      throw new ApiError(
        503,
        "rate_limited",
        `Telegram asks to wait ${failure.retryAfterSeconds} s before creating topics.`,
      );
    }
    throw badGateway(`Telegram refused to create the topic: ${failure.description}`);
  }
}
