import { type DeliveryJob, type DeliveryJobOf, deliveryJobValidator } from "@topicdesk/contracts";
import { backoffMs, DeliveryFailure } from "@topicdesk/telegram";
import { type Logger, topicdeskMetrics } from "@topicdesk/telemetry";
import { failureNoticeText } from "../failures/failure-notice.ts";
import type { DeliveryContext, JobHandler } from "./delivery-context.ts";
import { DialogGoneError } from "./dialog-lookup.ts";
import { handlers } from "./handler-table.ts";

/** A job payload that does not match the contract: retrying cannot fix it. */
export class InvalidJobError extends Error {
  constructor(errors: string) {
    super(`invalid delivery job: ${errors}`);
    this.name = "InvalidJobError";
  }
}

/**
 * Runs one job. Permanent Telegram failures end the job (retrying would only repeat the refusal)
 * and the team is told in the topic. Anything unexpected (Postgres or Redis away for a moment) is
 * retried here, in place, so the queue keeps its order; only after minutes does it propagate to
 * BullMQ's own retries (see `@topicdesk/queue`), which may reorder but never drop the message.
 */
export async function runJob(
  data: unknown,
  enqueuedAt: number,
  context: DeliveryContext,
  log: Logger,
): Promise<void> {
  if (!deliveryJobValidator.Check(data)) {
    const errors = deliveryJobValidator
      .Errors(data)
      .map((error) => `${error.instancePath} ${error.message}`)
      .join("; ");
    throw new InvalidJobError(errors);
  }
  const job: DeliveryJob = data;
  const handler = handlers[job.type] as JobHandler<typeof job.type>;
  const recorded = topicdeskMetrics();
  try {
    await retryingUnexpected(() => handler(job as never, context, enqueuedAt), job, context, log);
    recorded.deliveryJobs.add(1, { type: job.type, outcome: "delivered" });
    recorded.deliveryLatency.record((context.now() - enqueuedAt) / 1000, { type: job.type });
  } catch (error) {
    if (error instanceof DialogGoneError) {
      log.info({ jobId: job.id, type: job.type }, "dialog removed before delivery; job dropped");
      recorded.deliveryJobs.add(1, { type: job.type, outcome: "dropped" });
      return;
    }
    if (!(error instanceof DeliveryFailure)) throw error;
    log.warn({ jobId: job.id, type: job.type, failure: error.failure.kind }, "delivery failed permanently");
    recorded.deliveryJobs.add(1, { type: job.type, outcome: "failed" });
    await reportFailure(job, error, context);
  }
}

/** About four minutes of attempts (0.5 s doubling to 30 s) before giving the job back to BullMQ. */
const IN_PLACE_ATTEMPTS = 12;

async function retryingUnexpected(
  run: () => Promise<void>,
  job: DeliveryJob,
  context: DeliveryContext,
  log: Logger,
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      const expected = error instanceof DeliveryFailure || error instanceof DialogGoneError;
      if (expected || attempt >= IN_PLACE_ATTEMPTS) throw error;
      log.warn(
        { err: error, jobId: job.id, type: job.type, attempt },
        "delivery hit an unexpected error; retrying",
      );
      await context.sleep(backoffMs(attempt));
    }
  }
}

async function reportFailure(
  job: DeliveryJob,
  error: DeliveryFailure,
  context: DeliveryContext,
): Promise<void> {
  const dialogId = "dialogId" in job ? job.dialogId : undefined;
  await context.publish(
    {
      kind: "message.failed",
      connectionId: job.connectionId,
      ...(dialogId === undefined ? {} : { dialogId }),
      reason: error.failure.kind,
    },
    job.id,
  );
  if (job.type === "copy.to-topic" && job.notifyClientOnFailure) await tellClient(job, context);
  const text = failureNoticeText(job, error.failure);
  if (text === undefined || dialogId === undefined) return;
  const replyTo = job.type === "copy.to-client" ? job.messageIds[0] : undefined;
  await context.queues.enqueue(
    { kind: "group", chatId: await context.store.backendChatOf(job.connectionId) },
    {
      v: 1,
      id: `${job.id}.failed`,
      connectionId: job.connectionId,
      type: "text.send",
      dialogId,
      target: { kind: "topic" },
      text,
      ...(replyTo === undefined ? {} : { replyToMessageId: replyTo }),
    },
  );
}

/** SILENT_MODE off: the client learns that the team did not get their message, so they can retry. */
async function tellClient(job: DeliveryJobOf<"copy.to-topic">, context: DeliveryContext): Promise<void> {
  await context.queues.enqueue(
    { kind: "chat", connectionId: job.connectionId, chatId: job.fromChatId },
    {
      v: 1,
      id: `${job.id}.client-failed`,
      connectionId: job.connectionId,
      type: "text.send",
      dialogId: job.dialogId,
      target: { kind: "client" },
      text: CLIENT_FAILURE_TEXT,
    },
  );
}

const CLIENT_FAILURE_TEXT = "⚠️ Sorry, your message could not be delivered to the team. Please send it again.";
