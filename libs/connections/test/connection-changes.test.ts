import { randomBytes } from "node:crypto";
import { type Bus, connectBus } from "@topicdesk/bus";
import type { ConnectionChange } from "@topicdesk/contracts";
import { connectionControlSubject } from "@topicdesk/contracts";
import { ConnectionRepository, createSecretBox, createTestDatabase, type TestDatabase } from "@topicdesk/db";
import { createLogger } from "@topicdesk/telemetry";
import {
  type ConnectionChangeWatch,
  natsConnectionChanges,
  removeConnection,
  setConnectionStatus,
  watchConnectionChanges,
} from "../src/index.ts";

const log = createLogger({ service: "connection-changes-test", level: "silent" });
const box = createSecretBox("connection changes test key material");

/** Connection writes announce on core NATS; a watcher receives them in order and drops malformed hints. */
describe("connection change hints", () => {
  let database: TestDatabase;
  let bus: Bus;
  let watch: ConnectionChangeWatch;
  const prefix = `cc${randomBytes(4).toString("hex")}`;
  const seen: ConnectionChange[] = [];
  let resyncs = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    bus = await connectBus({ url: "nats://127.0.0.1:4222", name: "connection-changes-test" });
    watch = watchConnectionChanges({
      nc: bus.nc,
      prefix,
      log,
      onChange: async (change) => void seen.push(change),
      onResync: async () => {
        resyncs += 1;
      },
      resyncIntervalMs: 50,
    });
    await new ConnectionRepository(database.db).create(
      { id: "desk", kind: "bot", title: "@desk_bot", backend_chat_id: -1001 },
      box,
    );
  });
  afterAll(async () => {
    await watch.stop();
    await bus.close();
    await database.drop();
  });

  const until = async (probe: () => boolean) => {
    for (let i = 0; i < 200 && !probe(); i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(probe()).toBe(true);
  };

  test("pause, resume and remove are written, then announced in that order; a missing id announces nothing", async () => {
    const changes = natsConnectionChanges(bus.nc, { prefix, log });
    expect((await setConnectionStatus(database.db, changes, "desk", "paused"))?.status).toBe("paused");
    await setConnectionStatus(database.db, changes, "desk", "active");
    expect(await removeConnection(database.db, changes, "desk")).toBe(true);
    expect(await removeConnection(database.db, changes, "desk")).toBe(false);
    expect(await setConnectionStatus(database.db, changes, "nobody", "paused")).toBeUndefined();
    await until(() => seen.length >= 3);
    expect(seen.map((change) => `${change.connectionId} ${change.change}`)).toEqual([
      "desk paused",
      "desk resumed",
      "desk removed",
    ]);
    expect(await new ConnectionRepository(database.db).get("desk")).toBeUndefined();
  });

  test("malformed hints are ignored; the next valid one still arrives", async () => {
    seen.length = 0;
    const subject = connectionControlSubject(prefix);
    bus.nc.publish(subject, "not json");
    bus.nc.publish(subject, JSON.stringify({ v: 1, connectionId: "Bad Id!", change: "added", at: 1 }));
    bus.nc.publish(subject, JSON.stringify({ v: 1, connectionId: "desk", change: "exploded", at: 1 }));
    await natsConnectionChanges(bus.nc, { prefix, log }).announce("desk-2", "added");
    await until(() => seen.length >= 1);
    expect(seen.map((change) => change.connectionId)).toEqual(["desk-2"]);
  });

  test("everything is reloaded now and then, for hints that were lost", async () => {
    await until(() => resyncs >= 2);
  });

  test("announcing over a closed connection does not throw: the write stands", async () => {
    const closed = await connectBus({ url: "nats://127.0.0.1:4222", name: "closed" });
    await closed.close();
    await expect(
      natsConnectionChanges(closed.nc, { prefix, log, flushTimeoutMs: 200 }).announce("desk", "paused"),
    ).resolves.toBeUndefined();
  });
});
