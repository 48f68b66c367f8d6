import type { Api } from "grammy";

/** A sent message as the handlers read it: only its id. */
export interface SentMessage {
  message_id: number;
}

type ArgumentsOf<Method extends keyof Api> = Api[Method] extends (...args: infer A) => unknown ? A : never;
type Call<Method extends keyof Api, Result> = (...args: ArgumentsOf<Method>) => Promise<Result>;

/**
 * The Telegram calls delivery's handlers make, in the Bot API's own terms. A grammY `Api` is one
 * (bot connections); `mtproto-delivery-api.ts` is the other (connections with an MTProto session:
 * accounts, bots in parallel mode). The handlers hold one code path for both, and failures of both
 * are classified by one table (`@topicdesk/telegram`).
 */
export interface DeliveryApi {
  sendMessage: Call<"sendMessage", SentMessage>;
  copyMessage: Call<"copyMessage", SentMessage>;
  copyMessages: Call<"copyMessages", SentMessage[]>;
  forwardMessage: Call<"forwardMessage", SentMessage>;
  forwardMessages: Call<"forwardMessages", SentMessage[]>;
  createForumTopic: Call<"createForumTopic", { message_thread_id: number }>;
  editForumTopic: Call<"editForumTopic", unknown>;
  closeForumTopic: Call<"closeForumTopic", unknown>;
  reopenForumTopic: Call<"reopenForumTopic", unknown>;
  editMessageText: Call<"editMessageText", unknown>;
  editMessageCaption: Call<"editMessageCaption", unknown>;
  setMessageReaction: Call<"setMessageReaction", unknown>;
  sendPhoto: Call<"sendPhoto", SentMessage>;
  sendDocument: Call<"sendDocument", SentMessage>;
}
