import { publishDomainEvent } from "@topicdesk/bus";
import type { DomainEvent } from "@topicdesk/contracts";
import { createTestBus, type TestBus } from "./bus-fixtures.ts";

describe("publishDomainEvent", () => {
  let testBus: TestBus;

  beforeAll(async () => {
    testBus = await createTestBus("events");
  });

  afterAll(async () => {
    await testBus.cleanup();
  });

  test("a domain event is stored under its connection and kind, once per id", async () => {
    const { bus, naming } = testBus;
    const event: DomainEvent = {
      v: 1,
      id: "evt-1",
      kind: "dialog.opened",
      connectionId: "main",
      at: 1,
      dialogId: 9,
    };

    const first = await publishDomainEvent(bus, naming, event);
    const again = await publishDomainEvent(bus, naming, event);
    const stored = await bus.jsm.streams.getMessage(naming.eventsStream, { seq: first.seq });

    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ duplicate: true, seq: first.seq });
    expect(stored?.subject).toBe(naming.domainEventSubject("main", "dialog.opened"));
    expect(stored?.json()).toEqual(event);
  });

  test("the sender's trace context travels in the traceparent header", async () => {
    const { bus, naming } = testBus;
    const event: DomainEvent = { v: 1, id: "evt-2", kind: "message.delivered", connectionId: "main", at: 2 };
    const traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    const { seq } = await publishDomainEvent(bus, naming, event, { traceparent });
    const stored = await bus.jsm.streams.getMessage(naming.eventsStream, { seq });

    expect(stored?.header.get("traceparent")).toBe(traceparent);
  });

  test("a domain event that breaks the contract is refused", async () => {
    const { bus, naming } = testBus;
    const broken = { v: 1, id: "evt-3", kind: "dialog.exploded", connectionId: "main", at: 1 };

    await expect(publishDomainEvent(bus, naming, broken as unknown as DomainEvent)).rejects.toThrow(
      /^invalid domain event: \/kind/,
    );
  });
});
