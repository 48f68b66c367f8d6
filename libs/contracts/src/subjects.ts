import type { DeliveryLane } from "./delivery-job.ts";
import type { DomainEventKind } from "./domain-event.ts";

/** JetStream stream holding normalized inbound events (`td.in.>`). */
export const INBOUND_STREAM = "TD_IN";
/** JetStream stream holding domain events for integrators (`td.evt.>`). */
export const EVENTS_STREAM = "TD_EVT";
/** Everything the inbound stream stores: the roots of `inboundSubject`. */
export const INBOUND_SUBJECTS = "td.in.>";
/** Everything the events stream stores: the roots of `domainEventSubject`. */
export const EVENTS_SUBJECTS = "td.evt.>";

/**
 * Stable FNV-1a hash of (connection, chat) into a partition. Stable across processes and releases:
 * changing it would reorder dialogs in flight.
 */
export function partitionOf(connectionId: string, chatId: number, partitions: number): number {
  let hash = 0x811c9dc5;
  for (const char of `${connectionId}:${chatId}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}

export function inboundSubject(partition: number, connectionId: string, chatId: number): string {
  return `td.in.${partition}.${connectionId}.${chatId}`;
}

export function inboundPartitionFilter(partition: number): string {
  return `td.in.${partition}.>`;
}

export function domainEventSubject(connectionId: string, kind: DomainEventKind): string {
  return `td.evt.${connectionId}.${kind}`;
}

/** BullMQ queue name of a delivery lane (BullMQ forbids ':' in names). */
export function deliveryQueueName(lane: DeliveryLane): string {
  return lane.kind === "group" ? `td-group.${lane.chatId}` : `td-chat.${lane.connectionId}.${lane.chatId}`;
}

/** Connection ids appear in subjects and queue names, so they are restricted to safe characters. */
export const CONNECTION_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
