import type { DeliveryJob, DeliveryJobOf, DeliveryJobType, DomainEvent } from "@topicdesk/contracts";
import type { DeliveryQueues } from "@topicdesk/queue";
import type { Api } from "grammy";
import type { DeliveryStore } from "../store/delivery-store.ts";

/** What every job handler may use. Built once per delivery process. */
export interface DeliveryContext {
  /** The Bot API client of a connection (token decrypted once and cached). */
  api(connectionId: string): Promise<Api>;
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
