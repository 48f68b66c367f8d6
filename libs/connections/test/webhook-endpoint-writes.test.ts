import { randomBytes } from "node:crypto";
import { type Bus, connectBus } from "@topicdesk/bus";
import type { ConnectionChange } from "@topicdesk/contracts";
import {
  ConnectionRepository,
  createSecretBox,
  createTestDatabase,
  type TestDatabase,
  WebhookEndpointRepository,
} from "@topicdesk/db";
import { createLogger } from "@topicdesk/telemetry";
import {
  addWebhookEndpoint,
  type ConnectionChangeWatch,
  natsConnectionChanges,
  removeWebhookEndpoint,
  setWebhookEndpointEvents,
  watchConnectionChanges,
} from "../src/index.ts";

const log = createLogger({ service: "webhook-endpoint-writes-test", level: "silent" });

/** Receiver writes, the one path of the CLI and the HTTP API: checked, written, then announced. */
describe("webhook endpoint writes", () => {
  let database: TestDatabase;
  let bus: Bus;
  let watch: ConnectionChangeWatch;
  const prefix = `we${randomBytes(4).toString("hex")}`;
  const box = createSecretBox("webhook endpoint writes test key");
  const seen: ConnectionChange[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    bus = await connectBus({ url: "nats://127.0.0.1:4222", name: "webhook-endpoint-writes-test" });
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
      box,
    );
  });
  afterAll(async () => {
    await watch.stop();
    await bus.close();
    await database.drop();
  });

  const changes = () => natsConnectionChanges(bus.nc, { prefix, log });
  const stored = () => new WebhookEndpointRepository(database.db, box).list("desk");
  /** Every write is followed by a marker hint, so "no hint" is checked without waiting on a clock. */
  const hintsOf = async (write: () => Promise<unknown>) => {
    seen.length = 0;
    await write();
    await changes().announce("marker", "parameters");
    for (let i = 0; i < 200 && !seen.some((hint) => hint.connectionId === "marker"); i += 1)
      await new Promise((resolve) => setTimeout(resolve, 10));
    return seen.filter((hint) => hint.connectionId !== "marker").map((hint) => hint.change);
  };

  test("a receiver is stored with normalized events and its own secret, then announced", async () => {
    let secret = "";
    const hints = await hintsOf(async () => {
      const created = await addWebhookEndpoint(database.db, box, changes(), {
        connectionId: "desk",
        url: "https://crm.example/hook",
        events: ["dialog_created", "/Invoice", "/invoice"],
      });
      if (!created.ok) throw new Error(created.error);
      secret = created.secret;
    });
    expect(hints).toEqual(["parameters"]);
    expect(secret).toMatch(/^whsec_/);
    expect(await stored()).toEqual([
      expect.objectContaining({ url: "https://crm.example/hook", events: ["dialog_created", "/invoice"] }),
    ]);
  });

  test("a bad URL, a bad event or a taken URL is refused, stores nothing and announces nothing", async () => {
    const attempts = [
      { url: "ftp://crm.example/x", events: ["dialog_created"], reason: "invalid", error: /http/ },
      {
        url: "https://crm.example/y",
        events: ["dialog_opened"],
        reason: "invalid",
        error: /neither an event/,
      },
      { url: "https://crm.example/y", events: [], reason: "invalid", error: /non-empty list/ },
      { url: "https://crm.example/hook", events: ["dialog_closed"], reason: "exists", error: /already has/ },
    ];
    for (const attempt of attempts) {
      let outcome: Awaited<ReturnType<typeof addWebhookEndpoint>> | undefined;
      const hints = await hintsOf(async () => {
        outcome = await addWebhookEndpoint(database.db, box, changes(), { connectionId: "desk", ...attempt });
      });
      expect(outcome).toMatchObject({
        ok: false,
        reason: attempt.reason,
        error: expect.stringMatching(attempt.error),
      });
      expect(hints).toEqual([]);
    }
    expect((await stored()).map((endpoint) => endpoint.url)).toEqual(["https://crm.example/hook"]);
  });

  test("changing the events checks them, writes and announces; another connection's id is absent", async () => {
    const [endpoint] = await stored();
    if (!endpoint) throw new Error("the receiver of the first test");
    const refused = await setWebhookEndpointEvents(database.db, box, changes(), {
      connectionId: "desk",
      id: endpoint.id,
      events: ["nonsense"],
    });
    expect(refused).toMatchObject({ ok: false, reason: "invalid" });
    let changed: Awaited<ReturnType<typeof setWebhookEndpointEvents>> | undefined;
    const hints = await hintsOf(async () => {
      changed = await setWebhookEndpointEvents(database.db, box, changes(), {
        connectionId: "desk",
        id: endpoint.id,
        events: ["/Refund"],
      });
    });
    expect(changed).toMatchObject({ ok: true, endpoint: { id: endpoint.id, events: ["/refund"] } });
    expect(hints).toEqual(["parameters"]);
    const foreign = await setWebhookEndpointEvents(database.db, box, changes(), {
      connectionId: "other",
      id: endpoint.id,
      events: ["/x"],
    });
    expect(foreign).toEqual({ ok: true, endpoint: undefined });
  });

  test("removing announces only when there was a receiver to remove", async () => {
    const [endpoint] = await stored();
    if (!endpoint) throw new Error("the receiver of the first test");
    expect(
      await hintsOf(() => removeWebhookEndpoint(database.db, box, changes(), "other", endpoint.id)),
    ).toEqual([]);
    expect(
      await hintsOf(() => removeWebhookEndpoint(database.db, box, changes(), "desk", endpoint.id)),
    ).toEqual(["parameters"]);
    expect(await stored()).toEqual([]);
  });
});
