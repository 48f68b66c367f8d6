import type { ServiceProcess } from "@topicdesk/local-cluster";
import { type FaultWorld, STREAM_TEST_MS, startFaultWorld, WORLD_START_MS } from "./support/fault-world.ts";

/**
 * Two replicas of the router and of delivery, as in a Kubernetes Deployment with replicas: 2.
 * Router partitions are owned by one consumer at a time and delivery's group queues by one worker
 * at a time, so two replicas neither reorder nor double messages; when one replica of each dies
 * mid-stream, the survivors take its partitions and queues over.
 */
describe("two replicas of router and delivery", () => {
  let world: FaultWorld;
  let secondRouter: ServiceProcess;
  let secondDelivery: ServiceProcess;
  beforeAll(async () => {
    world = await startFaultWorld({ clients: 4 });
    secondRouter = world.spawn(["router"]);
    secondDelivery = world.spawn(["delivery"]);
    await Promise.all([secondRouter.start(), secondDelivery.start()]);
  }, WORLD_START_MS);
  afterAll(async () => {
    await Promise.all([secondRouter?.kill(), secondDelivery?.kill()]);
    await world?.stop();
  });

  test(
    "share the work without doubling or reordering, and survive losing one of each mid-stream",
    async () => {
      const sent = await world.stream(20, 30, [
        {
          after: 1 / 2,
          run: () => Promise.all([world.router.kill("SIGKILL"), world.delivery.kill("SIGKILL")]).then(),
        },
      ]);
      const outcome = await world.settle(sent);
      expect(outcome.lost).toEqual([]);
      expect(outcome.outOfOrder).toEqual([]);
      // The one message a killed delivery may have sent without recording its link (see the crash test).
      expect(outcome.duplicated.length).toBeLessThanOrEqual(1);
    },
    STREAM_TEST_MS,
  );

  test(
    "the surviving replicas report ready and count their work on /metrics",
    async () => {
      for (const replica of [secondRouter, secondDelivery]) {
        const ready = await fetch(`${replica.opsUrl()}/readyz`);
        expect([replica.services, ready.status]).toEqual([replica.services, 200]);
      }
      const metrics = await (await fetch(`${secondDelivery.opsUrl()}/metrics`)).text();
      expect(metrics).toMatch(/^td_delivery_jobs_total\{type="copy\.to-topic",outcome="delivered"\} [1-9]/m);
      const routed = await (await fetch(`${secondRouter.opsUrl()}/metrics`)).text();
      expect(routed).toMatch(/^td_router_events_total\{kind="message",outcome="applied"\} [1-9]/m);
    },
    STREAM_TEST_MS,
  );
});
