import { randomBytes } from "node:crypto";
import { connectRedis, markActiveQueue } from "@topicdesk/queue";
import { createLogger } from "@topicdesk/telemetry";
import { type Job, Queue } from "bullmq";
import type { Redis } from "ioredis";
import { type QueueSupervisor, startQueueSupervisor } from "../src/supervisor/queue-supervisor.ts";

/**
 * The supervisor against a real Redis: how many workers it starts per queue, how many lanes it
 * runs at most, and that every job still runs once and in order. Jobs here are plain BullMQ jobs
 * `{ seq }` (what a job does is the handlers' business, tested end to end elsewhere).
 */
describe("the delivery queue supervisor", () => {
  let redis: Redis;
  let prefix: string;
  const supervisors: QueueSupervisor[] = [];
  const log = createLogger({ service: "supervisor-test", level: "silent" });

  beforeAll(() => {
    redis = connectRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  });
  beforeEach(() => {
    prefix = `sup-test-${randomBytes(4).toString("hex")}`;
  });
  afterEach(async () => {
    await Promise.all(supervisors.splice(0).map((supervisor) => supervisor.stop()));
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  });
  afterAll(async () => redis.quit());

  const queueNames = (count: number) => Array.from({ length: count }, (_, index) => `td-group.-100${index}`);

  /** Adds jobs 1..perQueue to each queue, then marks the queues active, as producers do. */
  async function addJobs(names: string[], perQueue: number): Promise<void> {
    for (const name of names) {
      const queue = new Queue(name, { connection: redis, prefix });
      for (let seq = 1; seq <= perQueue; seq++) await queue.add("test", { seq }, { jobId: `${name}.${seq}` });
      await queue.close();
    }
    for (const name of names) await markActiveQueue(redis, prefix, name);
  }

  /** BullMQ workers per queue, as Redis sees them: each worker's blocking connection is named after its queue. */
  async function workersPerQueue(): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    const list = (await redis.call("CLIENT", "LIST")) as string;
    for (const match of list.matchAll(/ name=(\S+)/g)) {
      const [connectionPrefix, encoded] = (match[1] as string).split(":");
      if (connectionPrefix !== prefix || encoded === undefined) continue;
      const queue = Buffer.from(encoded, "base64").toString();
      counts.set(queue, (counts.get(queue) ?? 0) + 1);
    }
    return counts;
  }

  function start(options: { maxLanes: number; process: (job: Job) => Promise<void>; idleGraceMs?: number }) {
    const supervisor = startQueueSupervisor({
      redis,
      prefix,
      log,
      pollIntervalMs: 5,
      idleGraceMs: options.idleGraceMs ?? 60_000,
      maxLanes: options.maxLanes,
      process: options.process,
    });
    supervisors.push(supervisor);
    return supervisor;
  }

  async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Records which job ran per queue, in the order they ran. */
  function ledger() {
    const ran = new Map<string, number[]>();
    return {
      ran,
      record(job: Job) {
        const list = ran.get(job.queueName) ?? [];
        list.push((job.data as { seq: number }).seq);
        ran.set(job.queueName, list);
      },
      total: () => [...ran.values()].reduce((sum, list) => sum + list.length, 0),
    };
  }

  test("many queues becoming active at once get exactly one worker each", async () => {
    const names = queueNames(150);
    await addJobs(names, 1);
    const jobs = ledger();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const supervisor = start({
      maxLanes: 1_000,
      process: async (job) => {
        jobs.record(job);
        await held;
      },
    });
    // While the lanes start (each start awaits Redis, far longer than a poll interval), look again and again.
    let most = 0;
    await waitFor(async () => {
      for (const count of (await workersPerQueue()).values()) most = Math.max(most, count);
      return jobs.total() === names.length;
    }, "every queue's job to run");
    const workers = await workersPerQueue();
    release();

    expect(most).toBe(1);
    expect(workers.size).toBe(names.length);
    expect(supervisor.running().sort()).toEqual([...names].sort());
    for (const name of names) expect(jobs.ran.get(name)).toEqual([1]);
  });

  test("more active queues than lanes all drain, in order, never above the cap", async () => {
    const names = queueNames(20);
    await addJobs(names, 5);
    const jobs = ledger();
    let mostLanes = 0;
    let mostWorkers = 0;
    // A long grace: only the cap's "retire idle lanes first" can free lanes for the waiting queues.
    const supervisor = start({
      maxLanes: 4,
      idleGraceMs: 600_000,
      process: async (job) => {
        jobs.record(job);
        mostLanes = Math.max(mostLanes, supervisor.running().length);
        mostWorkers = Math.max(
          mostWorkers,
          [...(await workersPerQueue()).values()].reduce((a, b) => a + b, 0),
        );
      },
    });
    await waitFor(() => jobs.total() === names.length * 5, "every job to run");

    for (const name of names) expect(jobs.ran.get(name)).toEqual([1, 2, 3, 4, 5]);
    expect(mostLanes).toBeLessThanOrEqual(4);
    expect(mostWorkers).toBeLessThanOrEqual(4);
  });

  test("two replicas at their cap split the queues between them and drain them all, in order", async () => {
    const names = queueNames(16);
    await addJobs(names, 3);
    const jobs = ledger();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered = 0;
    const process = async (job: Job) => {
      entered += 1;
      await held;
      jobs.record(job);
    };
    const a = start({ maxLanes: 5, process });
    const b = start({ maxLanes: 5, process });
    // Ten lanes each holding their first job: both replicas at their cap.
    await waitFor(() => entered === 10, "both replicas at their cap");
    await new Promise((resolve) => setTimeout(resolve, 100)); // time for a (wrong) eleventh lane to show
    expect(entered).toBe(10);
    const sharedLanes = a.running().filter((name) => b.running().includes(name));
    const workers = await workersPerQueue();
    release();
    await waitFor(() => jobs.total() === names.length * 3, "every job to run");

    expect(sharedLanes).toEqual([]);
    expect(workers.size).toBe(10);
    expect(Math.max(...workers.values())).toBe(1);
    for (const name of names) expect(jobs.ran.get(name)).toEqual([1, 2, 3]);
  });

  test("an idle lane is retired after its grace period, and a new job starts it again", async () => {
    const [name] = queueNames(1) as [string];
    await addJobs([name], 1);
    const jobs = ledger();
    const supervisor = start({ maxLanes: 10, idleGraceMs: 50, process: async (job) => jobs.record(job) });
    await waitFor(() => jobs.total() === 1, "the first job");
    await waitFor(
      async () => supervisor.running().length === 0 && (await workersPerQueue()).size === 0,
      "retirement",
    );
    const queue = new Queue(name, { connection: redis, prefix });
    await queue.add("test", { seq: 2 }, { jobId: `${name}.2` });
    await queue.close();
    await markActiveQueue(redis, prefix, name);
    await waitFor(() => jobs.total() === 2, "the second job");
    expect(jobs.ran.get(name)).toEqual([1, 2]);
  });
});
