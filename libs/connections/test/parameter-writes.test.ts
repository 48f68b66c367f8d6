import { randomBytes } from "node:crypto";
import { type Bus, connectBus } from "@topicdesk/bus";
import type { ConnectionChange } from "@topicdesk/contracts";
import {
  ConnectionRepository,
  createSecretBox,
  createTestDatabase,
  ParameterRepository,
  type TestDatabase,
} from "@topicdesk/db";
import { findParameter } from "@topicdesk/params";
import { createLogger } from "@topicdesk/telemetry";
import {
  type ConnectionChangeWatch,
  natsConnectionChanges,
  resetConnectionParameter,
  setConnectionParameter,
  watchConnectionChanges,
} from "../src/index.ts";

const log = createLogger({ service: "parameter-writes-test", level: "silent" });

/** Parameter writes, the one path of the CLI, API and setup bot: checked, written, then announced. */
describe("parameter writes", () => {
  let database: TestDatabase;
  let bus: Bus;
  let watch: ConnectionChangeWatch;
  const prefix = `pw${randomBytes(4).toString("hex")}`;
  const seen: ConnectionChange[] = [];
  const autoclose = findParameter("AUTOCLOSE");
  if (!autoclose) throw new Error("AUTOCLOSE is in the parameter table");

  beforeAll(async () => {
    database = await createTestDatabase();
    bus = await connectBus({ url: "nats://127.0.0.1:4222", name: "parameter-writes-test" });
    watch = watchConnectionChanges({
      nc: bus.nc,
      prefix,
      log,
      onChange: async (change) => void seen.push(change),
      onResync: async () => undefined,
      resyncIntervalMs: 0,
    });
    await new ConnectionRepository(database.db).create(
      { id: "desk", kind: "bot", title: "@desk_bot", backend_chat_id: -1001 },
      createSecretBox("parameter writes test key material"),
    );
  });
  afterAll(async () => {
    await watch.stop();
    await bus.close();
    await database.drop();
  });

  const stored = () => new ParameterRepository(database.db).listRaw("desk");
  const until = async (probe: () => boolean) => {
    for (let i = 0; i < 200 && !probe(); i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(probe()).toBe(true);
  };

  test("a valid value is stored under the canonical name and announced as a parameters change", async () => {
    const changes = natsConnectionChanges(bus.nc, { prefix, log });
    const written = await setConnectionParameter(database.db, changes, {
      connectionId: "desk",
      parameter: autoclose,
      raw: "72",
      by: 4242,
    });
    expect(written).toEqual({ ok: true });
    expect(await stored()).toEqual({ AUTOCLOSE: "72" });
    await until(() => seen.length >= 1);
    expect(seen.map((change) => `${change.connectionId} ${change.change}`)).toEqual(["desk parameters"]);
  });

  test("a value the parser refuses is neither written nor announced", async () => {
    seen.length = 0;
    const changes = natsConnectionChanges(bus.nc, { prefix, log });
    const written = await setConnectionParameter(database.db, changes, {
      connectionId: "desk",
      parameter: autoclose,
      raw: "soon",
    });
    expect(written).toMatchObject({ ok: false, error: expect.stringMatching(/^AUTOCLOSE expects/) });
    expect(await stored()).toEqual({ AUTOCLOSE: "72" });
    // A reset that removes something is announced; a second one, with nothing left, is not.
    expect(await resetConnectionParameter(database.db, changes, "desk", autoclose)).toBe(true);
    expect(await resetConnectionParameter(database.db, changes, "desk", autoclose)).toBe(false);
    await changes.announce("marker", "added");
    await until(() => seen.some((change) => change.connectionId === "marker"));
    expect(seen.map((change) => `${change.connectionId} ${change.change}`)).toEqual([
      "desk parameters",
      "marker added",
    ]);
    expect(await stored()).toEqual({});
  });
});
