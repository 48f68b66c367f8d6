import { connectRedis, markActiveQueue } from "@topicdesk/queue";
import { createLogger } from "@topicdesk/telemetry";
import { Queue } from "bullmq";
import { startQueueSupervisor } from "./src/supervisor/queue-supervisor.ts";
const redis = connectRedis("redis://127.0.0.1:6379");
const prefix = `leak-${Date.now()}`;
const log = createLogger({ service: "leak", level: "silent" });
let done = 0;
const sup = startQueueSupervisor({ redis, prefix, log, pollIntervalMs: 20, idleGraceMs: 200, maxLanes: 100, process: async () => { done++; } });
const mem = (label: string) => { global.gc?.(); global.gc?.(); const m = process.memoryUsage(); console.log(label, "rss", (m.rss/1048576).toFixed(0), "heap", (m.heapUsed/1048576).toFixed(1)); };
async function round(r: number, n: number) {
  const q = new Queue("x", { connection: redis, prefix });
  for (let i = 0; i < n; i++) {
    const name = `td-group.-${r}${i}`;
    const queue = new Queue(name, { connection: redis, prefix });
    await queue.add("t", { seq: 1 }, { jobId: `${name}.1`, removeOnComplete: true });
    await queue.close();
    await markActiveQueue(redis, prefix, name);
  }
  await q.close();
  const target = done + n;
  while (done < target) await new Promise((r) => setTimeout(r, 50));
  while (sup.running().length > 0) await new Promise((r) => setTimeout(r, 50));
}
mem("start");
await round(1, 100); mem("after 100");
await round(2, 500); mem("after 600");
await round(3, 500); mem("after 1100");
await round(4, 500); mem("after 1600");
await sup.stop();
const keys = await redis.keys(`${prefix}:*`); for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
redis.disconnect();
