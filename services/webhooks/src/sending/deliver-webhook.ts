import { type WebhookJob, webhookJobValidator } from "@topicdesk/contracts";
import {
  type Database,
  type SecretBox,
  WebhookDeadLetterRepository,
  WebhookEndpointRepository,
  WebhookKeyRepository,
  WebhookReceiverRepository,
} from "@topicdesk/db";
import type { Logger } from "@topicdesk/telemetry";
import { DelayedError, type Job, UnrecoverableError } from "bullmq";
import type { Kysely } from "kysely";
import { commandAnswerText } from "../answers/command-answer.ts";
import type { TeamNotices } from "../notices/team-notices.ts";
import { ConnectionGoneError, loadPayloadFacts, TopicNotReadyError } from "../payloads/load-payload-facts.ts";
import { webhookBody } from "../payloads/webhook-body.ts";
import { type PostOutcome, postWebhook } from "./post-webhook.ts";

export interface DeliverySettings {
  /** POSTs per delivery before it becomes a dead letter (the queue's `attempts`). */
  attempts: number;
  /** Dead letters in a row after which a receiver is paused. */
  pauseAfterFailures: number;
  requestTimeoutMs: number;
  /** How long a dialog event waits for its topic to be created before it is sent without one. */
  topicWaitMs: number;
  topicPollMs: number;
}

export interface DeliverDeps {
  db: Kysely<Database>;
  secretBox: SecretBox;
  notices: TeamNotices;
  settings: DeliverySettings;
  log: Logger;
  now: () => Date;
}

/** Outcome of one BullMQ run of a delivery, for logs and tests. */
export type DeliveryResult = "delivered" | "dead-lettered" | "dropped";

/**
 * One attempt of one webhook delivery. A retryable failure throws, so BullMQ tries again with
 * exponential backoff; the last failure (or a permanent one) becomes a dead letter and counts
 * against the receiver, which is paused, and the team told, when it keeps failing.
 */
export async function deliverWebhook(
  job: Job,
  token: string | undefined,
  deps: DeliverDeps,
): Promise<DeliveryResult> {
  if (!webhookJobValidator.Check(job.data)) throw new UnrecoverableError("invalid webhook job");
  const data: WebhookJob = job.data;
  const receivers = new WebhookReceiverRepository(deps.db);
  if (await receivers.isPaused(data.connectionId, data.url)) {
    await deadLetter(data, 0, "receiver paused", deps);
    if (data.eventType.startsWith("/")) await deps.notices.commandUndelivered(data, "receiver paused");
    return "dead-lettered";
  }
  const outcome = await attempt(job, data, token, deps);
  if (outcome === "dropped") return outcome;
  if (outcome.ok) {
    await receivers.recordSuccess(data.connectionId, data.url, deps.now());
    const answer = data.eventType.startsWith("/") ? commandAnswerText(outcome.answer) : undefined;
    if (answer !== undefined) await deps.notices.commandAnswer(data, answer);
    return "delivered";
  }
  const attemptsMade = job.attemptsMade + 1;
  if (outcome.retryable && attemptsMade < deps.settings.attempts) throw new Error(outcome.error);
  await deadLetter(data, attemptsMade, outcome.error, deps);
  await countFailure(data, outcome.error, deps);
  if (data.eventType.startsWith("/")) await deps.notices.commandUndelivered(data, outcome.error);
  return "dead-lettered";
}

async function attempt(
  job: Job,
  data: WebhookJob,
  token: string | undefined,
  deps: DeliverDeps,
): Promise<PostOutcome | "dropped"> {
  const now = deps.now();
  const waitingForTopic = now.getTime() - job.timestamp < deps.settings.topicWaitMs;
  let facts: Awaited<ReturnType<typeof loadPayloadFacts>>;
  try {
    facts = await loadPayloadFacts(deps.db, deps.secretBox, data.eventType, data.event, {
      requireTopic: waitingForTopic,
    });
  } catch (error) {
    if (error instanceof TopicNotReadyError && token !== undefined) {
      // Not an attempt: the receiver was not called. BullMQ runs the job again after the delay.
      await job.moveToDelayed(now.getTime() + deps.settings.topicPollMs, token);
      throw new DelayedError();
    }
    if (error instanceof ConnectionGoneError) {
      deps.log.info({ deliveryId: data.id }, "connection removed; webhook delivery dropped");
      return "dropped";
    }
    throw error;
  }
  return postWebhook({
    url: data.url,
    body: JSON.stringify(webhookBody(data.eventType, data.event, facts)),
    secret: await signingSecret(data, deps),
    eventType: data.eventType,
    deliveryId: data.id,
    timeoutMs: deps.settings.requestTimeoutMs,
    now,
  });
}

/** A receiver registered through the API has its own secret; the parameter's share the connection's. */
async function signingSecret(data: WebhookJob, deps: DeliverDeps): Promise<string> {
  const own = await new WebhookEndpointRepository(deps.db, deps.secretBox).secretFor(
    data.connectionId,
    data.url,
  );
  return (
    own ?? (await new WebhookKeyRepository(deps.db, deps.secretBox).ensure(data.connectionId)).signingSecret
  );
}

async function deadLetter(
  data: WebhookJob,
  attempts: number,
  error: string,
  deps: DeliverDeps,
): Promise<void> {
  await new WebhookDeadLetterRepository(deps.db).add({
    connectionId: data.connectionId,
    url: data.url,
    eventType: data.eventType,
    eventId: data.event.id,
    job: data,
    attempts,
    lastError: error,
  });
  deps.log.warn(
    { deliveryId: data.id, eventType: data.eventType, attempts, error },
    "webhook delivery dead-lettered",
  );
}

async function countFailure(data: WebhookJob, error: string, deps: DeliverDeps): Promise<void> {
  const receivers = new WebhookReceiverRepository(deps.db);
  const now = deps.now();
  const failures = await receivers.recordFailure(data.connectionId, data.url, error, now);
  if (failures < deps.settings.pauseAfterFailures) return;
  if (!(await receivers.pause(data.connectionId, data.url, now))) return;
  const backendChatId = await backendChatOf(deps.db, data.connectionId);
  if (backendChatId !== undefined) await deps.notices.receiverPaused(data, backendChatId, failures);
  deps.log.warn({ connectionId: data.connectionId, failures }, "webhook receiver paused");
}

async function backendChatOf(db: Kysely<Database>, connectionId: string): Promise<number | undefined> {
  const row = await db
    .selectFrom("connections")
    .select("backend_chat_id")
    .where("id", "=", connectionId)
    .executeTakeFirst();
  return row?.backend_chat_id;
}
