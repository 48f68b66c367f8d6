import { randomBytes } from "node:crypto";
import { type Bus, connectBus } from "@topicdesk/bus";
import {
  addWebhookEndpoint,
  natsConnectionChanges,
  removeWebhookEndpoint,
  setConnectionParameter,
  setConnectionStatus,
  setWebhookEndpointEvents,
} from "@topicdesk/connections";
import {
  ConnectionRepository,
  createSecretBox,
  createTestDatabase,
  ParameterRepository,
  type TestDatabase,
} from "@topicdesk/db";
import { findParameter } from "@topicdesk/params";
import { createLogger } from "@topicdesk/telemetry";
import { type ConnectionFactsCache, startConnectionFactsCache } from "../src/cache/connection-facts-cache.ts";

const log = createLogger({ service: "connection-facts-cache-test", level: "silent" });
const TTL_MS = 5_000;

/**
 * The router's cache of connection rows and parameters on the real Postgres and NATS: an announced
 * change counts from the next read, an unannounced one (a lost hint) within the expiry.
 */
describe("connection facts cache", () => {
  let database: TestDatabase;
  let bus: Bus;
  let cache: ConnectionFactsCache;
  const clock = { now: 1_000_000 };
  const prefix = `cf${randomBytes(4).toString("hex")}`;
  const secretBox = createSecretBox("connection facts cache test key");
  const autoclose = findParameter("AUTOCLOSE");
  if (!autoclose) throw new Error("AUTOCLOSE is in the parameter table");
  const webhooks = findParameter("WEBHOOKS");
  if (!webhooks) throw new Error("WEBHOOKS is in the parameter table");

  beforeAll(async () => {
    database = await createTestDatabase();
    bus = await connectBus({ url: "nats://127.0.0.1:4222", name: "connection-facts-cache-test" });
    await new ConnectionRepository(database.db).create(
      { id: "desk", kind: "bot", title: "@desk_bot", backend_chat_id: -1001 },
      secretBox,
    );
    cache = startConnectionFactsCache({
      db: database.db,
      secretBox,
      nc: bus.nc,
      prefix,
      log,
      ttlMs: TTL_MS,
      now: () => clock.now,
    });
  });
  afterAll(async () => {
    await cache.stop();
    await bus.close();
    await database.drop();
  });

  const changes = () => natsConnectionChanges(bus.nc, { prefix, log });
  const autoCloseHours = async () => (await cache.get("desk"))?.params.autoCloseHours;
  const eventually = async <T>(probe: () => Promise<T>, expected: T) => {
    for (let i = 0; i < 200 && (await probe()) !== expected; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await probe()).toBe(expected);
  };

  test("an announced parameter write counts from the next read, with no expiry needed", async () => {
    expect(await autoCloseHours()).toBe(48);
    await setConnectionParameter(database.db, changes(), {
      connectionId: "desk",
      parameter: autoclose,
      raw: "12",
    });
    // The clock stands still: only the hint can make the cache read again.
    await eventually(autoCloseHours, 12);
  });

  test("an unannounced write (a lost hint) is served stale at most until the expiry", async () => {
    await new ParameterRepository(database.db).set("desk", "AUTOCLOSE", "24");
    expect(await autoCloseHours()).toBe(12);
    clock.now += TTL_MS - 1;
    expect(await autoCloseHours()).toBe(12);
    clock.now += 1;
    expect(await autoCloseHours()).toBe(24);
  });

  test("a connection paused elsewhere shows as paused on the next read", async () => {
    expect((await cache.get("desk"))?.connection.status).toBe("active");
    await setConnectionStatus(database.db, changes(), "desk", "paused");
    await eventually(async () => (await cache.get("desk"))?.connection.status, "paused");
  });

  test("a receiver registered, changed or removed elsewhere changes the webhook commands at once", async () => {
    const commands = async () =>
      [...((await cache.get("desk"))?.params.webhookCommands ?? [])].sort().join(" ");
    await setConnectionParameter(database.db, changes(), {
      connectionId: "desk",
      parameter: webhooks,
      raw: '{"https://n8n.example/a": ["/quote", "dialog_closed"]}',
    });
    await eventually(commands, "quote");
    // The clock stands still from here on: only the receivers' writers' hints make the cache read again.
    const created = await addWebhookEndpoint(database.db, secretBox, changes(), {
      connectionId: "desk",
      url: "https://crm.example/hook",
      events: ["/Invoice", "dialog_created"],
    });
    if (!created.ok) throw new Error(created.error);
    await eventually(commands, "invoice quote");
    await setWebhookEndpointEvents(database.db, secretBox, changes(), {
      connectionId: "desk",
      id: created.endpoint.id,
      events: ["/refund"],
    });
    await eventually(commands, "quote refund");
    await removeWebhookEndpoint(database.db, secretBox, changes(), "desk", created.endpoint.id);
    await eventually(commands, "quote");
  });

  test("an unknown connection reads as undefined", async () => {
    expect(await cache.get("nobody")).toBeUndefined();
  });
});
