import type { Broadcast, BroadcastRecipient } from "@topicdesk/db";
import { type Api, DeliveryFailure, type TelegramFailure } from "@topicdesk/telegram";

export type RecipientOutcome =
  | { status: "sent"; messageId: number }
  | { status: "blocked"; reason: string }
  | { status: "failed"; reason: string };

export interface RecipientSendDeps {
  api(connectionId: string): Promise<Api>;
  /** callTelegram: waits out 429 (`retry_after`) and transient failures, throws DeliveryFailure. */
  call<T>(fn: () => Promise<T>): Promise<T>;
  beforeRecipient(connectionId: string, chatId: number): Promise<void>;
}

/**
 * Copies the prepared message to one recipient. Copy, not forward: the recipient sees the bot's
 * message, not the operator's group. Expected refusals become outcomes; anything else propagates.
 */
export async function sendToRecipient(
  broadcast: Broadcast,
  recipient: BroadcastRecipient,
  deps: RecipientSendDeps,
): Promise<RecipientOutcome> {
  const api = await deps.api(recipient.connection_id);
  await deps.beforeRecipient(recipient.connection_id, recipient.chat_id);
  try {
    const copy = await deps.call(() =>
      api.copyMessage(recipient.chat_id, broadcast.source_chat_id, broadcast.source_message_id),
    );
    return { status: "sent", messageId: copy.message_id };
  } catch (error) {
    if (error instanceof DeliveryFailure) return outcomeOf(error.failure);
    throw error;
  }
}

function outcomeOf(failure: TelegramFailure): RecipientOutcome {
  if (failure.kind === "forbidden" && failure.reason === "blocked")
    return { status: "blocked", reason: "blocked the bot" };
  if (failure.kind === "forbidden") return { status: "failed", reason: `forbidden: ${failure.reason}` };
  if (failure.kind === "bad-request") return { status: "failed", reason: `bad request: ${failure.reason}` };
  return { status: "failed", reason: failure.kind };
}
