import { randomUUID } from "node:crypto";
import { type Broadcast, type BroadcastRecipient, BroadcastRepository, type Database } from "@topicdesk/db";
import type { Logger } from "@topicdesk/telemetry";
import type { Kysely } from "kysely";
import { type ReportDeps, sendReport } from "../report/broadcast-report.ts";
import { createProgressMessage, type ProgressDeps } from "./progress-message.ts";
import { type RecipientSendDeps, sendToRecipient } from "./send-to-recipient.ts";

export interface RunnerOptions {
  db: Kysely<Database>;
  send: RecipientSendDeps;
  progress: Omit<ProgressDeps, "repository">;
  report: ReportDeps;
  log: Logger;
  now: () => number;
  /** How often to look for due or orphaned broadcasts when nobody wakes the runner. */
  pollIntervalMs: number;
  /** Recipients sent in parallel (each still waits for the shared budgets). */
  concurrency: number;
  /** A crashed runner's broadcast is taken over this long after its last renewal. */
  leaseMs: number;
}

/** Recipients read per round; each is claimed only while the broadcast still runs. */
const ROUND_SIZE = 20;

/**
 * Sends running broadcasts, one at a time per runner. Each round: renew the lease, re-read the
 * broadcast (paused or cancelled meanwhile?), claim recipients one by one (pending → sending, only
 * while the broadcast runs, so a pause stops before the next recipient),
 * copy the message, record the outcome. Recipients left `sending` by a dead runner are recorded as
 * failed, never resent. A finished or cancelled broadcast gets its CSV report once.
 */
export function startBroadcastRunner(options: RunnerOptions) {
  const owner = `runner-${randomUUID()}`;
  const repository = new BroadcastRepository(options.db);
  const date = () => new Date(options.now());
  let stopped = false;
  let wakeUp: (() => void) | undefined;

  const runOnce = async (): Promise<void> => {
    await repository.startDue(date());
    for (;;) {
      if (stopped) return;
      const claimed = await repository.claimRunning(owner, date(), new Date(options.now() + options.leaseMs));
      if (!claimed) break;
      await run(claimed);
    }
    await finishReports();
  };

  const run = async (claimed: Broadcast): Promise<void> => {
    const interrupted = await repository.failInterrupted(claimed.id, date());
    if (interrupted > 0)
      options.log.warn(
        { broadcast: claimed.id, interrupted },
        "took over a broadcast; in-flight recipients recorded as failed",
      );
    const progress = createProgressMessage(claimed, { ...options.progress, repository });
    let current: Broadcast | undefined = claimed;
    try {
      await progress.update(claimed);
      while (current?.status === "running" && !stopped) {
        if (!(await repository.renewLease(claimed.id, owner, new Date(options.now() + options.leaseMs))))
          return;
        const round = await repository.nextPending(claimed.id, ROUND_SIZE);
        if (round.length === 0) {
          current =
            (await repository.transition(claimed.id, ["running"], "done", date())) ??
            (await repository.find(claimed.id));
          break;
        }
        await inParallel(round, options.concurrency, (recipient) => sendOne(current as Broadcast, recipient));
        current = await repository.find(claimed.id);
        if (current) await progress.maybeUpdate(current);
      }
      if (current) await progress.update(current);
    } finally {
      await repository.releaseLease(claimed.id, owner);
    }
  };

  const sendOne = async (broadcast: Broadcast, recipient: BroadcastRecipient): Promise<void> => {
    if (!(await repository.markSending(broadcast.id, recipient.chat_id, date()))) return;
    const outcome = await sendToRecipient(broadcast, recipient, options.send);
    await repository.recordOutcome(broadcast.id, recipient.chat_id, outcome, date());
  };

  /** Done, or cancelled after it started: the report goes out once nothing is in flight. */
  const finishReports = async (): Promise<void> => {
    for (const broadcast of await repository.awaitingReport()) {
      const counts = await repository.countByStatus(broadcast.id);
      if (counts.sending > 0) continue;
      // The report job's id derives from the broadcast, so two runners racing here queue it once.
      await sendReport(broadcast, await repository.recipients(broadcast.id), counts, options.report);
      if (!(await repository.markReportSent(broadcast.id, date()))) continue;
      await createProgressMessage(broadcast, { ...options.progress, repository }).update(broadcast);
      options.log.info({ broadcast: broadcast.id, ...counts }, "broadcast finished");
    }
  };

  const loop = (async () => {
    while (!stopped) {
      try {
        await runOnce();
      } catch (error) {
        options.log.error({ err: error }, "broadcast runner failed; retrying");
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollIntervalMs);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = undefined;
    }
  })();

  return {
    /** Look for work now (a command just confirmed or resumed a broadcast). */
    wake: () => wakeUp?.(),
    async stop(): Promise<void> {
      stopped = true;
      wakeUp?.();
      await loop;
    },
  };
}

export type BroadcastRunner = ReturnType<typeof startBroadcastRunner>;

async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
