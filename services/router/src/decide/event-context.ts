import type { DialogStatus, InboundEvent } from "@topicdesk/contracts";
import type { DialogParameters } from "./dialog-parameters.ts";

/** The dialog as the router's decisions see it. */
export interface DialogState {
  id: number;
  clientChatId: number;
  chatType: string;
  status: DialogStatus;
  topicId: number | null;
  blocked: boolean;
  banned: boolean;
  firstName: string | null;
  lastName: string | null;
  username: string | null;
  languageCode: string | null;
  title: string | null;
  phone: string | null;
  startParam: string | null;
  createdAt: Date;
  labels: string[];
}

export interface ConnectionState {
  id: string;
  backendChatId: number;
  adminUserId: number | null;
  botUserId: number | null;
}

/** Everything a decision may read; loaded by the apply layer before calling the pure functions. */
export interface EventContext {
  event: InboundEvent;
  connection: ConnectionState;
  dialog: DialogState | undefined;
  params: DialogParameters;
  now: Date;
  /** Secret for stable pseudonyms of hidden client names. */
  pseudonymKey: string;
  /** For an operator's reply in a topic: what the replied-to message is. */
  replyTarget?: { direction: "inbound" | "outbound" } | undefined;
  /** The operator's rights in the backend group, looked up only for commands that need them. */
  operatorRights?: { canRestrictMembers: boolean; isAdmin: boolean } | undefined;
}

/** The reference's chat kinds (LEAVE_CLOSED, keyword filters) from Telegram's chat types. */
export function chatKind(chatType: string): "private" | "group" | "channel" {
  if (chatType === "private") return "private";
  if (chatType === "channel") return "channel";
  return "group";
}
