import type { DeliveryJob, DialogStatus, DomainEvent, DomainEventKind } from "@topicdesk/contracts";
import type { ModuleWrite } from "./module-writes.ts";

/** A delivery job as the pure decision describes it: ids, dialog id and version are filled in later. */
export type JobSpec = DistributiveOmit<DeliveryJob, "v" | "id" | "connectionId" | "dialogId"> & {
  /**
   * Lane: "group" = the backend group's queue; "chat" = the queue of the chat the job sends to
   * (the dialog's client chat, or a `text.send` job's own target chat).
   */
  lane: "group" | "chat";
  /** A fixed job id (albums: one job for all parts); otherwise derived from the event id. */
  fixedId?: string;
  /** Explicit dialog id for jobs outside the event's own dialog; defaults to the event's dialog. */
  dialogId?: number;
};

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface ClientCard {
  firstName?: string | null;
  lastName?: string | null;
  username?: string | null;
  languageCode?: string | null;
  title?: string | null;
  phone?: string | null;
}

export interface NewDialog extends ClientCard {
  clientChatId: number;
  chatType: string;
  status: DialogStatus;
  startParam?: string | null;
}

export type DialogPatch = Partial<{
  status: DialogStatus;
  blocked: boolean;
  banned: boolean;
  phone: string;
  lastClientMessageAt: Date;
  lastOperatorMessageAt: Date;
  statusChangedAt: Date;
  closedAt: Date | null;
  /** The dialog's labels (`/mark`), replacing the stored list. */
  labels: string[];
}>;

export type DialogEventKind = "opened" | "reopened" | "client_message" | "operator_message" | "closed";

/**
 * Everything the router decided about one event. The pure `decide*` functions build it; the apply
 * layer turns it into database writes, queued jobs and published events, in one transaction.
 */
export interface Decision {
  createDialog?: NewDialog;
  patchDialog?: DialogPatch;
  jobs: JobSpec[];
  domainEvents: Array<{
    kind: DomainEventKind;
    operatorId?: number;
    messageIds?: number[];
    reason?: string;
    /** `command.invoked`: the authorized command a module service carries out. */
    command?: DomainEvent["command"];
    /** `dialog.tagged`: the dialog's labels after the change, and what changed. */
    labels?: DomainEvent["labels"];
  }>;
  dialogEvents: Array<{ kind: DialogEventKind; operatorId?: number }>;
  /** An album part to remember until the album's single copy job runs. */
  albumPart?: { chatId: number; mediaGroupId: string; messageId: number };
  /** Quick replies and labels to save, change or delete (`/say`, `/mark`). */
  moduleWrites?: ModuleWrite[];
  /** Why nothing happened, for debug logs (never contains message text). */
  ignored?: string;
}

export function emptyDecision(): Decision {
  return { jobs: [], domainEvents: [], dialogEvents: [] };
}

export function ignore(reason: string): Decision {
  return { ...emptyDecision(), ignored: reason };
}
