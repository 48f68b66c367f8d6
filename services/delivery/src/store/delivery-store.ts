import type { DialogStatus } from "@topicdesk/contracts";

/** The dialog as delivery needs it: where the client is and where its topic is. */
export interface DeliveryDialog {
  id: number;
  connectionId: string;
  clientChatId: number;
  backendChatId: number;
  topicId: number | null;
  topicName: string | null;
  iconColor: number | null;
  status: DialogStatus;
}

export interface LinkToRecord {
  dialogId: number;
  direction: "inbound" | "outbound";
  clientChatId: number;
  clientMessageId: number;
  backendChatId: number;
  topicMessageId: number;
}

/**
 * What delivery reads and writes in the database, as one small port: the handlers stay testable
 * and the wiring (`postgres-delivery-store.ts`) is the only place that knows the repositories.
 */
export interface DeliveryStore {
  dialog(id: number): Promise<DeliveryDialog | undefined>;
  setTopic(dialogId: number, topicId: number): Promise<void>;
  topicMessageFor(dialogId: number, clientMessageId: number): Promise<number | undefined>;
  clientMessageFor(backendChatId: number, topicMessageId: number): Promise<number | undefined>;
  recordLinks(links: LinkToRecord[]): Promise<void>;
  albumParts(connectionId: string, chatId: number, mediaGroupId: string): Promise<number[]>;
  backendChatOf(connectionId: string): Promise<number>;
}
