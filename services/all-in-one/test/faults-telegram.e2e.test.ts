import { type FaultWorld, STREAM_TEST_MS, startFaultWorld, WORLD_START_MS } from "./support/fault-world.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Telegram misbehaving: a minute of slow 5xx answers, and a storm of 429s. Delivery waits inside
 * the job (so the queue keeps its order) and catches up when Telegram is back.
 */
describe("Telegram faults", () => {
  let world: FaultWorld;
  beforeEach(async () => {
    world = await startFaultWorld();
  }, WORLD_START_MS);
  afterEach(async () => world?.stop());

  test(
    "a minute of slow 502 answers delays messages but loses, doubles and reorders none",
    async () => {
      const sent = await world.stream(15, 40, [
        { after: 1 / 3, run: async () => world.sim.setOutage({ errorCode: 502, delayMs: 1_000 }) },
        {
          after: 2 / 3,
          run: async () => {
            await sleep(60_000);
            world.sim.setOutage(null);
          },
        },
      ]);
      const outcome = await world.settle(sent, 180_000);
      expect(outcome).toEqual({ lost: [], duplicated: [], outOfOrder: [] });
    },
    STREAM_TEST_MS * 2,
  );

  test(
    "a storm of 429s with retry_after is waited out, in order",
    async () => {
      const sent = await world.stream(15, 40, [
        {
          after: 1 / 4,
          run: async () => world.sim.failNext("*", { errorCode: 429, retryAfter: 2, count: 40 }),
        },
      ]);
      const outcome = await world.settle(sent, 180_000);
      expect(outcome).toEqual({ lost: [], duplicated: [], outOfOrder: [] });
      expect(world.sim.stats().tooManyRequests).toBeGreaterThan(0);
    },
    STREAM_TEST_MS * 2,
  );
});
