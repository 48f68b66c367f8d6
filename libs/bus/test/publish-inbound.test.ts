import { consumePartitions, type InboundMeta, InvalidEventError, publishInbound } from "@topicdesk/bus";
import { type InboundEvent, partitionOf } from "@topicdesk/contracts";
import { clientMessage, createTestBus, sleep, type TestBus, waitFor } from "./bus-fixtures.ts";

const PARTITIONS = 4;

describe("publishInbound", () => {
  let testBus: TestBus;

  beforeEach(async () => {
    testBus = await createTestBus("publish");
  });

  afterEach(async () => {
    await testBus.cleanup();
  });

  test("a published event reaches the handler of its dialog's partition with its trace context", async () => {
    const { bus, naming } = testBus;
    const handled: Array<{ event: InboundEvent; meta: InboundMeta }> = [];
    const consumers = await consumePartitions(bus, naming, {
      durablePrefix: "router",
      partitions: PARTITIONS,
      handler: async (event, meta) => {
        handled.push({ event, meta });
      },
    });
    const event = clientMessage(1001, "hello");
    const traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    const published = await publishInbound(bus, naming, event, PARTITIONS, { traceparent });
    await waitFor("the event to be handled", () => handled.length === 1);
    await consumers.stop();

    expect(published).toEqual({ duplicate: false, seq: 1 });
    expect(handled[0]?.event).toEqual(event);
    expect(handled[0]?.meta).toEqual({
      partition: partitionOf("main", 1001, PARTITIONS),
      seq: 1,
      subject: naming.inboundSubject(partitionOf("main", 1001, PARTITIONS), "main", 1001),
      redelivered: false,
      deliveryCount: 1,
      traceparent,
    });
  });

  test("an event that breaks the contract is refused before it is published", async () => {
    const { bus, naming } = testBus;
    const broken = { ...clientMessage(1001, "hello"), chat: { id: "1001", type: "private" } };

    const attempt = publishInbound(bus, naming, broken as unknown as InboundEvent, PARTITIONS);

    await expect(attempt).rejects.toThrow(InvalidEventError);
    await expect(attempt).rejects.toThrow(/invalid inbound event: \/chat\/id must be number/);
    expect((await bus.jsm.streams.info(naming.inboundStream)).state.messages).toBe(0);
  });

  test("an event published twice with the same id is stored and handled once", async () => {
    const { bus, naming } = testBus;
    const handled: string[] = [];
    const event = clientMessage(1002, "only once");

    const first = await publishInbound(bus, naming, event, PARTITIONS);
    const second = await publishInbound(bus, naming, event, PARTITIONS);
    const consumers = await consumePartitions(bus, naming, {
      durablePrefix: "router",
      partitions: PARTITIONS,
      handler: async (received) => {
        handled.push(received.id);
      },
    });
    await waitFor("the event to be handled", () => handled.length === 1);
    await sleep(300);
    await consumers.stop();

    expect(first).toEqual({ duplicate: false, seq: 1 });
    expect(second).toEqual({ duplicate: true, seq: 1 });
    expect(handled).toEqual([event.id]);
    expect((await bus.jsm.streams.info(naming.inboundStream)).state.messages).toBe(1);
  });
});
