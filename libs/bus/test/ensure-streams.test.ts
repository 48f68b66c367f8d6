import { randomBytes } from "node:crypto";
import { nanos } from "@nats-io/nats-core";
import { type Bus, connectBus, ensureStreams } from "@topicdesk/bus";
import { NATS_URL } from "./bus-fixtures.ts";

describe("ensureStreams", () => {
  let bus: Bus;
  const prefix = `t-streams-${randomBytes(4).toString("hex")}`;

  beforeAll(async () => {
    bus = await connectBus({ url: NATS_URL, name: "ensure-streams-test" });
  });

  afterAll(async () => {
    const naming = await ensureStreams(bus, { prefix });
    await bus.jsm.streams.delete(naming.inboundStream);
    await bus.jsm.streams.delete(naming.eventsStream);
    await bus.close();
  });

  test("creates both streams on file storage with a two-minute duplicate window", async () => {
    const naming = await ensureStreams(bus, { prefix });

    const inbound = (await bus.jsm.streams.info(naming.inboundStream)).config;
    const events = (await bus.jsm.streams.info(naming.eventsStream)).config;

    expect(inbound).toMatchObject({
      subjects: [`${prefix}.td.in.>`],
      storage: "file",
      duplicate_window: nanos(120_000),
      max_age: nanos(7 * 24 * 3600 * 1000),
    });
    expect(events).toMatchObject({ subjects: [`${prefix}.td.evt.>`], storage: "file" });
  });

  test("running it again updates the streams instead of failing", async () => {
    const naming = await ensureStreams(bus, { prefix, inboundMaxAgeSeconds: 3600, eventsMaxAgeSeconds: 300 });

    expect((await bus.jsm.streams.info(naming.inboundStream)).config.max_age).toBe(nanos(3600 * 1000));
    expect((await bus.jsm.streams.info(naming.eventsStream)).config.max_age).toBe(nanos(300 * 1000));
  });

  test("a max age shorter than the duplicate window is refused with a clear message", async () => {
    await expect(ensureStreams(bus, { prefix, eventsMaxAgeSeconds: 60 })).rejects.toThrow(
      "eventsMaxAgeSeconds must be at least 120 (the duplicate window); got 60",
    );
  });
});
