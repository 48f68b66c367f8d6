import type { Redis } from "ioredis";

/**
 * Which delivery replica runs which lane: a short lease per queue in Redis, so replicas spread the
 * active queues between them instead of all starting a worker for the same ones (and a replica at
 * its lane cap leaves the rest to the others). The lease is about spreading work, not order:
 * BullMQ's global concurrency 1 per queue keeps one job at a time even when two replicas run a lane
 * at once (a lease that lapsed under load). A replica that dies stops renewing, and its lanes go to
 * another replica when the lease ends.
 */
export interface LaneClaims {
  /**
   * Takes (or keeps) the lease on at most `max` of `queueNames`, in their order, skipping those
   * another replica holds; returns the names now held by this replica. One round trip.
   */
  claimUpTo(queueNames: readonly string[], max: number): Promise<string[]>;
  /** Extends the leases this replica holds; returns the names another replica holds now. */
  renew(queueNames: readonly string[]): Promise<string[]>;
  /** Gives the lease up (only if this replica holds it), so another replica may take the lane now. */
  release(queueName: string): Promise<void>;
}

export interface LaneClaimsOptions {
  redis: Redis;
  prefix: string;
  /** Identifies this replica; unique per supervisor. */
  owner: string;
  leaseMs: number;
}

export function laneClaimKey(prefix: string, queueName: string): string {
  return `${prefix}:td:lane-owner:${queueName}`;
}

// Returns the 1-based positions of the keys now leased to ARGV[1]. (Several keys in one script:
// fine on one Redis, as BullMQ's own scripts; a Redis Cluster would need hash tags.)
const CLAIM_UP_TO = `
local claimed = {}
local max = tonumber(ARGV[3])
for index, key in ipairs(KEYS) do
  if #claimed >= max then break end
  local holder = redis.call('GET', key)
  if holder == false or holder == ARGV[1] then
    redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
    claimed[#claimed + 1] = index
  end
end
return claimed`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

// One script call carries at most this many keys, so Redis is never busy with one call for long.
const KEYS_PER_CALL = 500;

export function createLaneClaims(options: LaneClaimsOptions): LaneClaims {
  const { redis, prefix, owner } = options;
  const claimUpTo = async (queueNames: readonly string[], max: number): Promise<string[]> => {
    const claimed: string[] = [];
    for (let start = 0; start < queueNames.length && claimed.length < max; start += KEYS_PER_CALL) {
      const batch = queueNames.slice(start, start + KEYS_PER_CALL);
      const positions = (await redis.eval(
        CLAIM_UP_TO,
        batch.length,
        ...batch.map((name) => laneClaimKey(prefix, name)),
        owner,
        String(options.leaseMs),
        String(max - claimed.length),
      )) as number[];
      for (const position of positions) claimed.push(batch[position - 1] as string);
    }
    return claimed;
  };
  return {
    claimUpTo,
    async renew(queueNames) {
      const held = new Set(await claimUpTo(queueNames, queueNames.length));
      return queueNames.filter((name) => !held.has(name));
    },
    async release(queueName) {
      await redis.eval(RELEASE, 1, laneClaimKey(prefix, queueName), owner);
    },
  };
}
