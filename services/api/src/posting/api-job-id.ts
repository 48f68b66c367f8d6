import { randomUUID } from "node:crypto";

/** Delivery job ids of API posts: unguessable, and recognisable in delivery's outcome events. */
export function newApiJobId(): string {
  return `api.${randomUUID()}`;
}

export function isApiJobId(jobId: string): boolean {
  return /^api\.[0-9a-f-]{36}$/.test(jobId);
}
