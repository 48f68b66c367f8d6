import type { ObservableCallback } from "@opentelemetry/api";
import { topicdeskMetrics } from "@topicdesk/telemetry";
import type { Queue } from "bullmq";

/**
 * Backlog gauges for Prometheus, observed only for the lanes this replica runs: an idle group has
 * no lane, so it costs no series and no Redis calls at scrape time. Returns the unregister function.
 */
export function observeBacklog(lanes: () => Iterable<{ name: string; queue: Queue }>): () => void {
  const metrics = topicdeskMetrics();
  const observeDepth: ObservableCallback = async (result) => {
    for (const { name, queue } of lanes()) result.observe(await waitingCount(queue), { queue: name });
  };
  const observeOldestAge: ObservableCallback = async (result) => {
    const now = Date.now();
    for (const { name, queue } of lanes()) {
      const oldest = await oldestWaitingTimestamp(queue);
      if (oldest !== undefined) result.observe((now - oldest) / 1000, { queue: name });
    }
  };
  metrics.queueDepth.addCallback(observeDepth);
  metrics.queueOldestAge.addCallback(observeOldestAge);
  return () => {
    metrics.queueDepth.removeCallback(observeDepth);
    metrics.queueOldestAge.removeCallback(observeOldestAge);
  };
}

async function waitingCount(queue: Queue): Promise<number> {
  const counts = await queue.getJobCounts("waiting", "delayed", "prioritized");
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

/** When the job that has waited longest was added (the head of the FIFO), if any waits. */
async function oldestWaitingTimestamp(queue: Queue): Promise<number | undefined> {
  const [oldest] = await queue.getJobs(["waiting", "prioritized"], 0, 0, true);
  return oldest?.timestamp;
}
