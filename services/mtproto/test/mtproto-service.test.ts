import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tl } from "@mtcute/node";
import { type Bus, type BusNaming, connectBus, ensureStreams } from "@topicdesk/bus";
import { type InboundEvent, type MtprotoCallReply, mtprotoCallSubject } from "@topicdesk/contracts";
import {
  ConnectionRepository,
  createSecretBox,
  createTestDatabase,
  MtprotoSessionRepository,
  type TestDatabase,
} from "@topicdesk/db";
import { createLogger, startTelemetry } from "@topicdesk/telemetry";
import { type MtprotoService, startMtprotoService } from "../src/mtproto-service.ts";
import { FakeMtprotoClient, FakeTelegramAccount } from "./support/fake-mtproto-client.ts";
import { privateMessage } from "./support/tl-factories.ts";

const box = createSecretBox("mtproto-service-test-key");
// Metrics are read like Prometheus does (no OTLP endpoint in tests: nothing is exported).
const telemetry = startTelemetry({ serviceName: "mtproto-test" });
const log = createLogger({ service: "mtproto-test", level: "silent" });
const prefix = `mt${process.pid}${Date.now().toString(36)}`;
let database: TestDatabase;
let bus: Bus;
let naming: BusNaming;
const account = new FakeTelegramAccount(777);
const clients: FakeMtprotoClient[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  bus = await connectBus({ url: "nats://127.0.0.1:4222", name: "mtproto-test" });
  naming = await ensureStreams(bus, { prefix });
  await new ConnectionRepository(database.db).create(
    { id: "acct", kind: "account", title: "Sales account", backend_chat_id: -1009 },
    box,
  );
  const sessions = new MtprotoSessionRepository(database.db);
  await sessions.ensure("acct", "user");
  await sessions.markAuthorized("acct", 777);
});

afterAll(async () => {
  for (const stream of [naming.inboundStream, naming.eventsStream]) await bus.jsm.streams.delete(stream);
  await bus.jsm.streams.delete(`KV_${prefix}_mtproto_leases`).catch(() => undefined);
  for (const replicaBus of replicaBuses.values()) await replicaBus.close().catch(() => undefined);
  await bus.close();
  await database.drop();
  await telemetry.shutdown();
});

const replicaBuses = new Map<string, Bus>();

/** This process's /metrics, as Prometheus reads it. */
async function scrapeMetrics(): Promise<string> {
  const server = createServer((request, response) => telemetry.metricsHandler(request, response));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  try {
    return await (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`)).text();
  } finally {
    server.close();
  }
}

async function startReplica(ownerId: string): Promise<MtprotoService> {
  const replicaBus = await connectBus({ url: "nats://127.0.0.1:4222", name: ownerId });
  replicaBuses.set(ownerId, replicaBus);
  return startMtprotoService({
    db: database.db,
    bus: replicaBus,
    naming,
    secretBox: box,
    partitions: 4,
    log,
    ownerId,
    leaseTtlMs: 1_500,
    scanIntervalMs: 200,
    createClient: (_session, storage) => {
      const client = new FakeMtprotoClient(account, storage);
      clients.push(client);
      return client;
    },
  });
}

async function storedEvents(): Promise<InboundEvent[]> {
  const events: InboundEvent[] = [];
  const info = await bus.jsm.streams.info(naming.inboundStream);
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq += 1) {
    const message = await bus.jsm.streams.getMessage(naming.inboundStream, { seq });
    if (message) events.push(message.json<InboundEvent>());
  }
  return events;
}

async function waitFor<T>(
  probe: () => Promise<T> | T,
  done: (value: T) => boolean,
  what: string,
): Promise<T> {
  const until = Date.now() + 15_000;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function call(operation: object): Promise<MtprotoCallReply> {
  const reply = await bus.nc.request(
    mtprotoCallSubject("acct", prefix),
    JSON.stringify({ v: 1, connectionId: "acct", deadline: Date.now() + 5_000, operation }),
    { timeout: 5_000 },
  );
  return reply.json<MtprotoCallReply>();
}

describe("the mtproto service", () => {
  let first: MtprotoService;
  let second: MtprotoService;

  it("runs a session on exactly one of two replicas and publishes the account's private messages", async () => {
    first = await startReplica("replica-a");
    second = await startReplica("replica-b");
    expect([...first.running(), ...second.running()]).toEqual(["acct"]);
    const leases = [
      ...(await scrapeMetrics()).matchAll(/^td_session_leases\{owner="replica-[ab]"\} (\d+)$/gm),
    ];
    expect(leases.map((match) => Number(match[1])).sort()).toEqual([0, 1]);
    await account.push(privateMessage(42, 1));
    await account.push(privateMessage(42, 2, { out: true }));
    const events = await waitFor(storedEvents, (list) => list.length === 2, "two events");
    expect(events.map((event) => event.id)).toEqual(["acct:mt.42.1", "acct:mt.42.2"]);
    expect(events[1]?.message?.outgoing).toBe(true);
  });

  it("answers delivery's calls; a FLOOD_WAIT pauses only that chat, for its seconds", async () => {
    const sent = await call({ op: "text.send", chatId: 42, text: "hi" });
    expect(sent).toMatchObject({ ok: true, result: { messageIds: [expect.any(Number)] } });
    account.failNextCall(
      tl.RpcError.fromTl({ _: "rpc_error", errorCode: 420, errorMessage: "FLOOD_WAIT_30" }),
    );
    const flooded = await call({ op: "messages.copy", toChatId: 42, fromChatId: -1009, messageIds: [5] });
    expect(flooded).toEqual({
      ok: false,
      error: { code: 429, description: "Too Many Requests: FLOOD_WAIT_30", retryAfterSeconds: 30 },
    });
    const callsBefore = account.calls.length;
    const stillPaused = await call({ op: "text.send", chatId: 42, text: "again" });
    expect(stillPaused).toMatchObject({ ok: false, error: { code: 429 } });
    expect(account.calls.length).toBe(callsBefore);
    const otherChat = await call({ op: "text.send", chatId: 43, text: "hello other" });
    expect(otherChat.ok).toBe(true);
  });

  it("refuses a call that arrives after its deadline and one that breaks the contract", async () => {
    const late = await bus.nc.request(
      mtprotoCallSubject("acct", prefix),
      JSON.stringify({
        v: 1,
        connectionId: "acct",
        deadline: Date.now() - 1,
        operation: { op: "text.send", chatId: 44, text: "x" },
      }),
    );
    expect(late.json<MtprotoCallReply>()).toMatchObject({ ok: false, error: { code: 504 } });
    expect(await call({ op: "text.send", chatId: 44 })).toMatchObject({ ok: false, error: { code: 400 } });
    expect(account.calls.some((entry) => (entry.request as { chatId?: number }).chatId === 44)).toBe(false);
  });

  it("when the owner dies, the other replica takes over and catches up: nothing lost, nothing doubled", async () => {
    const owner = first.running().length > 0 ? "replica-a" : "replica-b";
    const standby = owner === "replica-a" ? second : first;
    // The owner dies: its client vanishes without saving its update position, its NATS connection
    // drops, so its lease is neither renewed nor released and expires after the TTL.
    clients.at(-1)?.crash();
    await replicaBuses.get(owner)?.nc.close();
    await account.push(privateMessage(42, 3));
    await account.push(privateMessage(42, 4));
    await waitFor(
      () => standby.running(),
      (running) => running.includes("acct"),
      "takeover",
    );
    const events = await waitFor(storedEvents, (list) => list.length >= 4, "four events");
    const ids = events.map((event) => event.id);
    // The new owner replayed everything since the last saved position; the ids made JetStream drop
    // the repeats.
    expect(ids).toEqual(["acct:mt.42.1", "acct:mt.42.2", "acct:mt.42.3", "acct:mt.42.4"]);
    await standby.stop();
    await (owner === "replica-a" ? first : second).stop().catch(() => undefined);
  });
});
