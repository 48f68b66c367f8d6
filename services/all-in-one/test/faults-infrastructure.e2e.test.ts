import { STREAM_TEST_MS, useFaultWorld } from "./support/fault-world.ts";

/**
 * NATS, Redis and Postgres restart in the middle of a stream (each is down for a third of it, while
 * clients keep writing). The services ride it out: ingress keeps Telegram's updates unconfirmed
 * until JetStream stores them, the router naks events it cannot commit, delivery retries in place.
 */
describe.each([
  ["NATS", "nats", "SIGTERM"],
  ["Redis (killed; its append-only file keeps BullMQ's jobs)", "redis", "SIGKILL"],
  ["Postgres", "postgres", "SIGTERM"],
] as const)("a restart of %s", (_name, server, signal) => {
  const faultWorld = useFaultWorld();

  test(
    "loses nothing and keeps the order of every dialog",
    async () => {
      const world = faultWorld();
      const sent = await world.stream(20, 40, [
        { after: 1 / 3, run: () => world[server].stop(signal) },
        { after: 2 / 3, run: () => world[server].start() },
      ]);
      const outcome = await world.settle(sent);
      expect(outcome.lost).toEqual([]);
      expect(outcome.outOfOrder).toEqual([]);
      expect(outcome.duplicated).toEqual([]);
    },
    STREAM_TEST_MS,
  );
});
