import { createBusNaming } from "@topicdesk/bus";
import { EVENTS_STREAM, INBOUND_STREAM, inboundPartitionFilter, inboundSubject } from "@topicdesk/contracts";

describe("createBusNaming", () => {
  test("without a prefix, names are exactly the contract's", () => {
    const naming = createBusNaming();
    expect(naming.inboundStream).toBe(INBOUND_STREAM);
    expect(naming.eventsStream).toBe(EVENTS_STREAM);
    expect(naming.inboundSubjects).toBe("td.in.>");
    expect(naming.eventsSubjects).toBe("td.evt.>");
    expect(naming.inboundSubject(3, "main", 42)).toBe(inboundSubject(3, "main", 42));
    expect(naming.inboundPartitionFilter(3)).toBe(inboundPartitionFilter(3));
    expect(naming.domainEventSubject("main", "dialog.opened")).toBe("td.evt.main.dialog.opened");
  });

  test("a prefix isolates subjects and stream names", () => {
    const naming = createBusNaming("test-1");
    expect(naming.inboundStream).toBe("TEST_1_TD_IN");
    expect(naming.eventsStream).toBe("TEST_1_TD_EVT");
    expect(naming.inboundSubjects).toBe("test-1.td.in.>");
    expect(naming.inboundSubject(0, "main", -5)).toBe("test-1.td.in.0.main.-5");
    expect(naming.inboundPartitionFilter(7)).toBe("test-1.td.in.7.>");
    expect(naming.domainEventSubject("main", "message.failed")).toBe("test-1.td.evt.main.message.failed");
  });

  test("a service's own stream follows the same prefix rule", () => {
    expect(createBusNaming("test-1").stream("TD_RELAY")).toBe("TEST_1_TD_RELAY");
    expect(createBusNaming("test-1").subject("td.relay.>")).toBe("test-1.td.relay.>");
    expect(createBusNaming().stream("TD_RELAY")).toBe("TD_RELAY");
    expect(createBusNaming().subject("td.relay.main")).toBe("td.relay.main");
  });

  test("a prefix that would break subjects or stream names is refused", () => {
    expect(() => createBusNaming("a.b")).toThrow(/bus prefix must be/);
    expect(() => createBusNaming("")).toThrow(/bus prefix must be/);
    expect(() => createBusNaming("x>")).toThrow(/bus prefix must be/);
  });
});
