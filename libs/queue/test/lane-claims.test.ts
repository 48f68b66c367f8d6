import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import { connectRedis, createLaneClaims, laneClaimKey } from "../src/index.ts";

describe("lane claims (which replica runs which lane)", () => {
  let redis: Redis;
  const prefix = `claims-test-${randomBytes(4).toString("hex")}`;
  const claimsOf = (owner: string, leaseMs = 10_000) => createLaneClaims({ redis, prefix, owner, leaseMs });
  beforeAll(() => {
    redis = connectRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  test("two replicas split the queues: each gets up to its room, in order, never the other's", async () => {
    const a = claimsOf("replica-a");
    const b = claimsOf("replica-b");
    const names = ["q1", "q2", "q3", "q4", "q5"];
    expect(await a.claimUpTo(names, 2)).toEqual(["q1", "q2"]);
    expect(await b.claimUpTo(names, 10)).toEqual(["q3", "q4", "q5"]);
    // Claiming again keeps what a replica holds and takes nothing of the other's.
    expect(await a.claimUpTo(names, 10)).toEqual(["q1", "q2"]);
    expect(await redis.get(laneClaimKey(prefix, "q4"))).toBe("replica-b");
  });

  test("a released lane is free at once for another replica; a release by a non-holder does nothing", async () => {
    const a = claimsOf("replica-a");
    const b = claimsOf("replica-b");
    expect(await a.claimUpTo(["r1"], 1)).toEqual(["r1"]);
    await b.release("r1");
    expect(await b.claimUpTo(["r1"], 1)).toEqual([]);
    await a.release("r1");
    expect(await b.claimUpTo(["r1"], 1)).toEqual(["r1"]);
  });

  test("renewal extends the leases held and names those another replica took after a lapse", async () => {
    const a = claimsOf("replica-a", 60_000);
    const b = claimsOf("replica-b", 60_000);
    await a.claimUpTo(["s1", "s2"], 2);
    // The lease on s2 lapses (a replica stalled past it), and b takes the lane.
    await redis.del(laneClaimKey(prefix, "s2"));
    await b.claimUpTo(["s2"], 1);
    await redis.pexpire(laneClaimKey(prefix, "s1"), 1_000);
    expect(await a.renew(["s1", "s2"])).toEqual(["s2"]);
    expect(await redis.pttl(laneClaimKey(prefix, "s1"))).toBeGreaterThan(30_000);
    expect(await redis.get(laneClaimKey(prefix, "s2"))).toBe("replica-b");
  });

  test("more queues than one script call carries are claimed in batches, up to the room", async () => {
    const a = claimsOf("replica-a");
    const names = Array.from({ length: 1_200 }, (_, index) => `t${index}`);
    const claimed = await a.claimUpTo(names, 1_100);
    expect(claimed).toEqual(names.slice(0, 1_100));
  });
});
