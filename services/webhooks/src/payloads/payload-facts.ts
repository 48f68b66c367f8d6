import type { DialogStatus } from "@topicdesk/contracts";

/**
 * What a webhook body says beyond the domain event, loaded from Postgres when the POST is made.
 * Ids and statuses only: Topicdesk never stores message bodies, so no body carries a text.
 */
export interface PayloadFacts {
  connectionId: string;
  /** The connected bot's (or account's) user id: the reference's `frontend_user_id`. */
  frontendUserId: number | null;
  backendChatId: number;
  /** The connection's key, in every body as the reference sends it. */
  apiKey: string;
  dialog?: DialogFacts;
  /** Message ids on both sides, for message events: the copies are found through the message links. */
  messages?: MessageFacts;
}

export interface DialogFacts {
  id: number;
  clientChatId: number;
  chatType: string;
  /** Null while the topic is not created yet (or was deleted and not recreated). */
  topicId: number | null;
  /** The topic's name as operators see it: already masked by HIDE_INFO. */
  topicName: string | null;
  status: DialogStatus;
  /** HIDE_INFO hides who the client is (`name` for private chats, `title` for groups). */
  identityHidden: boolean;
}

export interface MessageFacts {
  backendMessageIds: number[];
  frontendMessageIds: number[];
}
