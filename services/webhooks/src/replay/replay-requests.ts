import { type WebhookJob, webhookJobValidator } from "@topicdesk/contracts";
import { type Database, WebhookDeadLetterRepository } from "@topicdesk/db";
import type { Logger } from "@topicdesk/telemetry";
import type { Kysely } from "kysely";

/** How many replays one pass takes on; the rest wait for the next pass. */
const BATCH = 100;

/**
 * Carries out the replays the HTTP API or the CLI asked for (`requestReplay` on the dead letters):
 * queues each letter's delivery again under a new job id, in the same transaction that marks it
 * replayed, with the rows locked so two webhooks processes never replay one letter twice.
 * Returns how many were queued.
 */
export async function replayRequested(
  db: Kysely<Database>,
  enqueue: (job: WebhookJob) => Promise<void>,
  log: Logger,
  now: () => Date,
): Promise<number> {
  return await db.transaction().execute(async (trx) => {
    const letters = new WebhookDeadLetterRepository(trx);
    const requested = await letters.lockReplayRequests(BATCH);
    let queued = 0;
    for (const letter of requested) {
      const job: unknown = letter.job;
      if (!webhookJobValidator.Check(job)) {
        log.error({ deadLetterId: letter.id }, "dead letter holds no valid webhook job; not replayed");
        continue;
      }
      await enqueue({ ...job, id: `${job.id}.r${letter.id}`, replayOf: letter.id });
      queued += 1;
    }
    await letters.markReplayed(
      requested.map((letter) => letter.id),
      now(),
    );
    return queued;
  });
}
