import type { Broadcast, BroadcastRepository } from "@topicdesk/db";
import { type Api, DeliveryFailure } from "@topicdesk/telegram";
import { progressText } from "../commands/answers.ts";

export interface ProgressDeps {
  repository: BroadcastRepository;
  api(connectionId: string): Promise<Api>;
  call<T>(fn: () => Promise<T>): Promise<T>;
  beforeGroupSend(connectionId: string, groupChatId: number): Promise<void>;
  now(): number;
  /** At most one edit per this many ms: each edit costs a slot of the group's ~20/min. */
  intervalMs: number;
}

/**
 * One message in General that tells how a broadcast goes, edited as it runs rather than a new
 * message each time (a flood would bury the team's General topic and spend the group's budget).
 */
export function createProgressMessage(broadcast: Broadcast, deps: ProgressDeps) {
  let lastText = "";
  let lastAt = Number.NEGATIVE_INFINITY;
  let messageId = broadcast.progress_message_id;
  const chatId = broadcast.backend_chat_id;

  const show = async (current: Broadcast): Promise<void> => {
    const text = progressText(current, await deps.repository.countByStatus(current.id));
    if (text === lastText) return;
    const api = await deps.api(current.connection_id);
    await deps.beforeGroupSend(current.connection_id, chatId);
    if (messageId === null) {
      const sent = await deps.call(() => api.sendMessage(chatId, text));
      messageId = sent.message_id;
      await deps.repository.setProgressMessage(current.id, messageId);
    } else {
      await editTo(api, messageId, text);
    }
    lastText = text;
    lastAt = deps.now();
  };

  const editTo = async (api: Api, id: number, text: string): Promise<void> => {
    try {
      await deps.call(() => api.editMessageText(chatId, id, text));
    } catch (error) {
      // A runner that takes over (or resumes) starts without knowing the text already shown.
      const unchanged =
        error instanceof DeliveryFailure &&
        error.failure.kind === "bad-request" &&
        error.failure.reason === "message-not-modified";
      if (!unchanged) throw error;
    }
  };

  return {
    /** Shows the state now (start and end). */
    update: show,
    /** Shows it if the interval has passed since the last edit. */
    async maybeUpdate(current: Broadcast): Promise<void> {
      if (deps.now() - lastAt >= deps.intervalMs) await show(current);
    },
  };
}
