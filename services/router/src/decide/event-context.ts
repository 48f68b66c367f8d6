import type { DialogStatus, InboundEvent } from "@topicdesk/contracts";
import type { Caller } from "../roles/caller-role.ts";
import type { DialogParameters } from "./dialog-parameters.ts";
import type { LabelDefinition, QuickReply } from "./module-facts.ts";
import type { NewDialogFacts } from "./new-dialog-facts.ts";

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
  /** Tickers of the dialog's labels (`/mark … ticker`), shown in the topic name after the status. */
  tickers?: string[];
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
  /**
   * For an outgoing message in a client chat (MTProto sessions): whether a message link names it,
   * i.e. it is a copy Topicdesk sent itself (seen again after a catch-up), not an intercepted one.
   */
  ownOutgoing?: boolean | undefined;
  /** Who sent a backend-group command, with their role (looked up for every command). */
  caller?: Caller | undefined;
  /** Quick replies and labels a `/say` or `/mark` command needs, loaded only for those commands. */
  modules?: ModuleFacts | undefined;
  /** Who shares the backend group and whom `/new` names, loaded only for `/new`. */
  newDialog?: NewDialogFacts | undefined;
}

/** The reference's chat kinds (LEAVE_CLOSED, keyword filters) from Telegram's chat types. */
export function chatKind(chatType: string): "private" | "group" | "channel" {
  if (chatType === "private") return "private";
  if (chatType === "channel") return "channel";
  return "group";
}

/** What `/say` and `/mark` read, loaded by the apply layer only for those commands. */
export interface ModuleFacts {
  quickReplies: QuickReply[];
  labels: LabelDefinition[];
  /**
   * The album the replied-to message belongs to: every part's id, oldest first (empty when its
   * parts are no longer known: album parts are kept a day).
   */
  replyAlbum?: { messageIds: number[] } | undefined;
  /** Dialogs carrying the label a `/mark` command retickers or deletes: their topics get new names. */
  labelDialogs?: DialogState[] | undefined;
}
