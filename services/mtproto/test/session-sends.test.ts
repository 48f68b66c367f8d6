import type { Subscription } from "@nats-io/nats-core";
import { type Bus, type BusNaming, connectBus, ensureStreams } from "@topicdesk/bus";
import { type InboundEvent, type MtprotoCallReply, mtprotoCallSubject } from "@topicdesk/contracts";
import {
  ConnectionRepository,
  createSecretBox,
  createTestDatabase,
  MtprotoSessionRepository,
  type TestDatabase,
} from "@topicdesk/db";
import { connectRedis, loadBlob, storeBlob } from "@topicdesk/queue";
import { createLogger } from "@topicdesk/telemetry";
import type { Redis } from "ioredis";
import type { SendFileRequest, SendTextRequest } from "../src/client/mtproto-client.ts";
import { type MtprotoService, startMtprotoService } from "../src/mtproto-service.ts";
import { FakeMtprotoClient, FakeTelegramAccount } from "./support/fake-mtproto-client.ts";
import { privateMessage } from "./support/tl-factories.ts";

/**
 * What a session sends for delivery (formatted texts, buttons, files) and how it recognises its own
 * sends and catches up after being down, on the real NATS, Postgres and Redis.
 */
const box = createSecretBox("mtproto-session-sends-test-key");
const log = createLogger({ service: "mtproto-test", level: "silent" });
const prefix = `ms${process.pid}${Date.now().toString(36)}`;
const queuePrefix = `ms-${process.pid}-${Date.now().toString(36)}`;
let database: TestDatabase;
let bus: Bus;
let naming: BusNaming;
let redis: Redis;
const accounts = {
  acct: new FakeTelegramAccount(777),
  pbot: new FakeTelegramAccount(888, { isBot: true }),
};
/** Every publish of an inbound event, repeats included (JetStream would drop them silently). */
const published: InboundEvent[] = [];
let tap: Subscription;
const running: MtprotoService[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  bus = await connectBus({ url: "nats://127.0.0.1:4222", name: "mtproto-sends-test" });
  naming = await ensureStreams(bus, { prefix });
  redis = connectRedis("redis://127.0.0.1:6379");
  tap = bus.nc.subscribe(naming.inboundSubjects);
  void (async () => {
    for await (const message of tap) published.push(message.json<InboundEvent>());
  })();
  const connections = new ConnectionRepository(database.db);
  const sessions = new MtprotoSessionRepository(database.db);
  for (const [id, kind, mode] of [
    ["acct", "account", "user"],
    ["pbot", "bot", "bot"],
  ] as const) {
    await connections.create({ id, kind, title: id, backend_chat_id: -1009 }, box);
    await sessions.ensure(id, mode);
    await sessions.markAuthorized(id, accounts[id].selfId);
  }
});

afterAll(async () => {
  for (const service of running) await service.stop().catch(() => undefined);
  tap.unsubscribe();
  for (const stream of [naming.inboundStream, naming.eventsStream]) await bus.jsm.streams.delete(stream);
  await bus.jsm.streams.delete(`KV_${prefix}_mtproto_leases`).catch(() => undefined);
  await bus.close();
  redis.disconnect();
  await database.drop();
});

async function startService(): Promise<MtprotoService> {
  const service = await startMtprotoService({
    db: database.db,
    bus,
    naming,
    secretBox: box,
    partitions: 4,
    log,
    leaseTtlMs: 1_500,
    scanIntervalMs: 200,
    loadBlob: (key) => loadBlob(redis, queuePrefix, key),
    createClient: (session, storage) =>
      new FakeMtprotoClient(accounts[session.connection_id as keyof typeof accounts], storage),
  });
  running.push(service);
  return service;
}

async function stopService(service: MtprotoService): Promise<void> {
  await service.stop();
  running.splice(running.indexOf(service), 1);
}

async function call(connectionId: string, operation: object): Promise<MtprotoCallReply> {
  const reply = await bus.nc.request(
    mtprotoCallSubject(connectionId, prefix),
    JSON.stringify({ v: 1, connectionId, deadline: Date.now() + 5_000, operation }),
    { timeout: 5_000 },
  );
  return reply.json<MtprotoCallReply>();
}

const lastCall = (account: FakeTelegramAccount, method: string) =>
  account.calls.filter((entry) => entry.method === method).at(-1)?.request;

async function waitFor(probe: () => boolean, what: string): Promise<void> {
  const until = Date.now() + 10_000;
  while (!probe()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Publishes of one event id so far. */
const publishesOf = (id: string) => published.filter((event) => event.id === id).length;

describe("what a session sends for delivery", () => {
  let service: MtprotoService;

  beforeAll(async () => {
    service = await startService();
    await waitFor(() => service.running().length === 2, "both sessions running");
  });

  test("a MarkdownV2 text goes out with entities; an account gets URL buttons as links", async () => {
    const reply = await call("acct", {
      op: "text.send",
      chatId: 42,
      text: "*Welcome*, Jane\\!",
      parseMode: "MarkdownV2",
      buttons: [[{ text: "Our site", url: "https://example.com" }]],
    });
    expect(reply).toMatchObject({ ok: true, result: { messageIds: [expect.any(Number)] } });
    const sent = lastCall(accounts.acct, "sendText") as SendTextRequest;
    expect(sent.text).toEqual({
      text: "Welcome, Jane!\n\nOur site",
      entities: [
        { _: "messageEntityBold", offset: 0, length: 7 },
        { _: "messageEntityTextUrl", offset: 16, length: 8, url: "https://example.com" },
      ],
    });
    expect(sent.buttons).toBeUndefined();
  });

  test("a bot in parallel mode sends the buttons as an inline keyboard", async () => {
    const buttons = [[{ text: "Our site", url: "https://example.com" }]];
    expect((await call("pbot", { op: "text.send", chatId: 42, text: "Hi", buttons })).ok).toBe(true);
    const sent = lastCall(accounts.pbot, "sendText") as SendTextRequest;
    expect(sent).toMatchObject({ text: { text: "Hi", entities: [] }, buttons });
  });

  test("markup the Bot API would refuse is refused with its 400, and nothing is sent", async () => {
    const callsBefore = accounts.acct.calls.length;
    const reply = await call("acct", {
      op: "text.send",
      chatId: 42,
      text: "Thanks.",
      parseMode: "MarkdownV2",
    });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 400, description: expect.stringContaining("can't parse entities") },
    });
    expect(accounts.acct.calls.length).toBe(callsBefore);
  });

  test("a file is read from the Redis blob store by its key and uploaded with its caption", async () => {
    const bytes = new TextEncoder().encode("\uFEFFid,name\n1,Jane\n");
    const key = await storeBlob(redis, queuePrefix, bytes, 60);
    const reply = await call("acct", {
      op: "file.send",
      chatId: -1009,
      threadId: 5,
      as: "document",
      file: { kind: "blob", key, fileName: "export.csv", contentType: "text/csv" },
      caption: "*Export*",
      parseMode: "MarkdownV2",
    });
    expect(reply).toMatchObject({ ok: true, result: { messageIds: [expect.any(Number)] } });
    const sent = lastCall(accounts.acct, "sendFile") as SendFileRequest;
    expect(sent).toMatchObject({
      chatId: -1009,
      threadId: 5,
      as: "document",
      file: { fileName: "export.csv", contentType: "text/csv" },
      caption: { text: "Export", entities: [{ _: "messageEntityBold", offset: 0, length: 6 }] },
    });
    expect("bytes" in sent.file && Buffer.from(sent.file.bytes).equals(Buffer.from(bytes))).toBe(true);
  });

  test("a URL is handed to Telegram to fetch; an expired blob is refused without a send", async () => {
    expect(
      (
        await call("acct", {
          op: "file.send",
          chatId: 42,
          as: "photo",
          file: { kind: "url", url: "https://x.test/a.png" },
        })
      ).ok,
    ).toBe(true);
    expect(lastCall(accounts.acct, "sendFile")).toMatchObject({
      as: "photo",
      file: { url: "https://x.test/a.png" },
    });
    const callsBefore = accounts.acct.calls.length;
    const expired = await call("acct", {
      op: "file.send",
      chatId: 42,
      as: "document",
      file: { kind: "blob", key: "0".repeat(32), fileName: "gone.csv" },
    });
    expect(expired).toEqual({
      ok: false,
      error: { code: 400, description: "Bad Request: file expired in the blob store" },
    });
    expect(accounts.acct.calls.length).toBe(callsBefore);
  });

  test("our own welcome's echo is not published, even when it arrives after a restart", async () => {
    const reply = await call("acct", {
      op: "text.send",
      chatId: 42,
      text: "Welcome\\!",
      parseMode: "MarkdownV2",
    });
    const welcomeId = reply.ok ? (reply.result.messageIds?.[0] ?? 0) : 0;
    // The service restarts between the send and its echo (memory is gone; Postgres is not).
    await stopService(service);
    service = await startService();
    await waitFor(() => service.running().includes("acct"), "the session running again");
    await accounts.acct.push(privateMessage(42, welcomeId, { out: true, message: "Welcome!" }));
    // Something the account's owner wrote from the phone, after the echo: it is published.
    await accounts.acct.push(privateMessage(42, 5_000, { out: true, message: "from my phone" }));
    await waitFor(() => publishesOf("acct:mt.42.5000") === 1, "the phone message published");
    expect(publishesOf(`acct:mt.42.${welcomeId}`)).toBe(0);
    const rows = await database.db
      .selectFrom("mtproto_sent_messages")
      .select(["chat_id", "message_id"])
      .where("connection_id", "=", "acct")
      .where("message_id", "=", welcomeId)
      .execute();
    expect(rows).toEqual([{ chat_id: 42, message_id: welcomeId }]);
  });

  test("updates that arrive while the session is down are published once, after it reconnects", async () => {
    await accounts.acct.push(privateMessage(42, 6_001));
    await waitFor(() => publishesOf("acct:mt.42.6001") === 1, "the message before the disconnect");
    // The session goes down (its process stops, its update position saved), Telegram keeps going.
    await stopService(service);
    expect(accounts.acct.connected).toBeUndefined();
    await accounts.acct.push(privateMessage(42, 6_002));
    await accounts.acct.push(privateMessage(43, 6_003));
    expect(publishesOf("acct:mt.42.6002")).toBe(0);
    // Back up: the client's catch-up hands over what was missed.
    service = await startService();
    await waitFor(() => publishesOf("acct:mt.43.6003") === 1, "the missed messages published");
    expect([6_001, 6_002].map((id) => publishesOf(`acct:mt.42.${id}`))).toEqual([1, 1]);
    expect(publishesOf("acct:mt.43.6003")).toBe(1);
    // In the stream, in the order Telegram had them.
    const info = await bus.jsm.streams.info(naming.inboundStream);
    const stored: string[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq += 1) {
      const message = await bus.jsm.streams.getMessage(naming.inboundStream, { seq });
      if (message) stored.push(message.json<InboundEvent>().id);
    }
    expect(stored.filter((id) => id.startsWith("acct:mt.4") && id.includes(".600"))).toEqual([
      "acct:mt.42.6001",
      "acct:mt.42.6002",
      "acct:mt.43.6003",
    ]);
  });
});
