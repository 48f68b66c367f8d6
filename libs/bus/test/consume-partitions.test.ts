import { consumePartitions, type InboundMeta, type InvalidInbound, publishInbound } from "@topicdesk/bus";
import type { InboundEvent } from "@topicdesk/contracts";
import { clientMessage, createTestBus, sleep, type TestBus, waitFor } from "./bus-fixtures.ts";

const PARTITIONS = 4;

describe("consumePartitions", () => {
  let testBus: TestBus;

  beforeEach(async () => {
    testBus = await createTestBus("consume");
  });

  afterEach(async () => {
    await testBus.cleanup();
  });

  test("one dialog's events are handled in publish order even when the handler sometimes fails", async () => {
    const { bus, naming } = testBus;
    const events = Array.from({ length: 8 }, (_, index) => clientMessage(1003, `message ${index}`));
    const failOnce = new Set([events[2]?.id, events[5]?.id]);
    const attempts: string[] = [];
    const handled: string[] = [];
    const consumers = await consumePartitions(bus, naming, {
      durablePrefix: "router",
      partitions: PARTITIONS,
      retryDelayMs: () => 100,
      handler: async (event) => {
        attempts.push(event.id);
        if (failOnce.delete(event.id)) throw new Error("database briefly unavailable");
        handled.push(event.id);
      },
    });

    for (const event of events) await publishInbound(bus, naming, event, PARTITIONS);
    await waitFor("all events to be handled", () => handled.length === events.length);
    await consumers.stop();

    const ids = events.map((event) => event.id);
    expect(handled).toEqual(ids);
    // Each failed event was retried before anything after it was even attempted.
    expect(attempts).toEqual([...ids.slice(0, 3), ids[2], ...ids.slice(3, 6), ids[5], ...ids.slice(6)]);
  });

  test("a failed event is redelivered after the delay, marked as redelivered", async () => {
    const { bus, naming } = testBus;
    const deliveries: Array<{ meta: InboundMeta; at: number }> = [];
    const handlerErrors: unknown[] = [];
    const consumers = await consumePartitions(bus, naming, {
      durablePrefix: "router",
      partitions: PARTITIONS,
      retryDelayMs: (deliveryCount) => deliveryCount * 300,
      onHandlerError: (error) => handlerErrors.push(error),
      handler: async (_event, meta) => {
        deliveries.push({ meta, at: Date.now() });
        if (meta.deliveryCount === 1) throw new Error("first try fails");
      },
    });

    await publishInbound(bus, naming, clientMessage(1004, "retry me"), PARTITIONS);
    await waitFor("the redelivery", () => deliveries.length === 2);
    await consumers.stop();

    const [first, second] = deliveries;
    expect(first?.meta).toMatchObject({ redelivered: false, deliveryCount: 1 });
    expect(second?.meta).toMatchObject({ redelivered: true, deliveryCount: 2, seq: first?.meta.seq });
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(250);
    expect(handlerErrors).toEqual([new Error("first try fails")]);
  });

  test("an invalid payload is terminated and reported, and the next valid event is still handled", async () => {
    const { bus, naming } = testBus;
    const invalid: InvalidInbound[] = [];
    const handled: string[] = [];
    const consumers = await consumePartitions(bus, naming, {
      durablePrefix: "router",
      partitions: 1,
      onInvalid: (report) => invalid.push(report),
      handler: async (event) => {
        handled.push(event.id);
      },
    });
    const subject = naming.inboundSubject(0, "main", 1005);

    await bus.js.publish(subject, "{ not json");
    await bus.js.publish(subject, JSON.stringify({ v: 1, id: "main:x" }));
    const valid = clientMessage(1005, "after the garbage");
    await publishInbound(bus, naming, valid, 1);
    await waitFor("the valid event to be handled", () => handled.length === 1);
    await consumers.stop();

    expect(handled).toEqual([valid.id]);
    expect(invalid).toHaveLength(2);
    expect(invalid[0]).toMatchObject({ partition: 0, seq: 1, subject });
    expect(invalid[0]?.errors[0]).toMatch(/^not JSON/);
    expect(invalid[1]?.errors.join("; ")).toMatch(/connectionId/);
    const consumer = await bus.jsm.consumers.info(naming.inboundStream, "router-p0");
    expect(consumer.num_ack_pending + consumer.num_pending).toBe(0);
  });

  test("a stopped consumer resumes where it stopped: nothing lost, nothing handled twice", async () => {
    const { bus, naming } = testBus;
    const events = Array.from({ length: 10 }, (_, index) => clientMessage(1006 + (index % 3), `m${index}`));
    const handled: string[] = [];
    const handler = async (event: InboundEvent) => {
      // Slow enough that stop() lands while an event is in flight.
      await sleep(50);
      handled.push(event.id);
    };
    for (const event of events.slice(0, 5)) await publishInbound(bus, naming, event, PARTITIONS);

    const first = await consumePartitions(bus, naming, {
      durablePrefix: "router",
      partitions: PARTITIONS,
      handler,
    });
    await waitFor("some events to be handled", () => handled.length >= 2);
    await first.stop();
    const handledBeforeRestart = handled.length;
    await sleep(200);
    expect(handled).toHaveLength(handledBeforeRestart);

    for (const event of events.slice(5)) await publishInbound(bus, naming, event, PARTITIONS);
    const second = await consumePartitions(bus, naming, {
      durablePrefix: "router",
      partitions: PARTITIONS,
      handler,
    });
    await waitFor("every event to be handled", () => handled.length >= events.length);
    await sleep(300);
    await second.stop();

    expect([...handled].sort()).toEqual(events.map((event) => event.id).sort());
    for (const chatId of [1006, 1007, 1008]) {
      const ofChat = events.filter((event) => event.chat.id === chatId).map((event) => event.id);
      expect(handled.filter((id) => ofChat.includes(id))).toEqual(ofChat);
    }
  });

  test("consumers are created idempotently under their durable names", async () => {
    const { bus, naming } = testBus;
    const options = { durablePrefix: "router", partitions: 2, handler: async () => {} };
    await (await consumePartitions(bus, naming, options)).stop();
    await (await consumePartitions(bus, naming, options)).stop();

    const names: string[] = [];
    for await (const info of bus.jsm.consumers.list(naming.inboundStream)) names.push(info.name);
    expect(names.sort()).toEqual(["router-p0", "router-p1"]);
    const config = (await bus.jsm.consumers.info(naming.inboundStream, "router-p1")).config;
    expect(config).toMatchObject({ filter_subject: naming.inboundPartitionFilter(1), max_ack_pending: 1 });
  });
});
