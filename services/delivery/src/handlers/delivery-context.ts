import type { DeliveryJob, DeliveryJobOf, DeliveryJobType, DomainEvent } from "@topicdesk/contracts";
import type { DeliveryQueues } from "@topicdesk/queue";
import type { DeliveryStore } from "../store/delivery-store.ts";
import type { DeliveryApi } from "../transports/delivery-api.ts";

/** What every job handler may use. Built once per delivery process. */
export interface DeliveryContext {
  /** How a connection's calls reach Telegram: its bot's Bot API, or its MTProto session. */
  api(connectionId: string): Promise<DeliveryApi>;
  store: DeliveryStore;
  queues: DeliveryQueues;
  publish(event: Omit<DomainEvent, "v" | "id" | "at">, eventKey: string): Promise<void>;
  /** Wraps one Telegram call with in-place waiting on 429 and transient failures. */
  call<T>(fn: () => Promise<T>): Promise<T>;
  /** Waits until a message may go to this chat within Telegram's limits; call before every send. */
  beforeSend(connectionId: string, chatId: number): Promise<void>;
  now(): number;
  sleep(ms: number): Promise<void>;
  albumDebounceMs: number;
  /** Bytes a producer parked in the Redis blob store for a `file.send` job; undefined once expired. */
  loadBlob(key: string): Promise<Uint8Array | undefined>;
}

export type JobHandler<T extends DeliveryJobType> = (
  job: DeliveryJobOf<T>,
  context: DeliveryContext,
  enqueuedAt: number,
) => Promise<void>;

export type HandlerTable = { [T in DeliveryJobType]: JobHandler<T> };

export function isJobOf<T extends DeliveryJobType>(job: DeliveryJob, type: T): job is DeliveryJobOf<T> {
  return job.type === type;
}
