import { tl } from "@mtcute/node";
import { type Bus, type BusNaming, connectBus, ensureStreams } from "@topicdesk/bus";
import { type MtprotoCallReply, mtprotoCallSubject } from "@topicdesk/contracts";
import {
  ConnectionRepository,
  createSecretBox,
  createTestDatabase,
  MtprotoSessionRepository,
  type TestDatabase,
} from "@topicdesk/db";
import { createLogger } from "@topicdesk/telemetry";
import { type MtprotoService, startMtprotoService } from "../src/mtproto-service.ts";
import { FakeMtprotoClient, FakeTelegramAccount } from "./support/fake-mtproto-client.ts";

/**
 * The read-only calls the router makes through a session (roles and `/new` for connections without
 * a Bot API token), answered by the session owner over NATS like delivery's sends.
 */
const box = createSecretBox("mtproto-lookups-test-key");
const prefix = `ml${process.pid}${Date.now().toString(36)}`;
const GROUP = -1009;
const account = new FakeTelegramAccount(777);
let database: TestDatabase;
let bus: Bus;
let naming: BusNaming;
let service: MtprotoService;

beforeAll(async () => {
  database = await createTestDatabase();
  bus = await connectBus({ url: "nats://127.0.0.1:4222", name: "mtproto-lookups-test" });
  naming = await ensureStreams(bus, { prefix });
  await new ConnectionRepository(database.db).create(
    { id: "acct", kind: "account", title: "Sales account", backend_chat_id: GROUP },
    box,
  );
  const sessions = new MtprotoSessionRepository(database.db);
  await sessions.ensure("acct", "user");
  await sessions.markAuthorized("acct", 777);
  account.members.set(`${GROUP}:10`, { status: "administrator", canRestrictMembers: true });
  account.members.set(`${GROUP}:11`, { status: "member", canRestrictMembers: false });
  account.knownUsers.push({
    id: 5150,
    isBot: false,
    firstName: "Sam",
    lastName: null,
    username: "sam_stone",
  });
  service = await startMtprotoService({
    db: database.db,
    bus,
    naming,
    secretBox: box,
    partitions: 2,
    log: createLogger({ service: "mtproto-lookups-test", level: "silent" }),
    leaseTtlMs: 1_500,
    scanIntervalMs: 200,
    createClient: (_session, storage) => new FakeMtprotoClient(account, storage),
  });
});

afterAll(async () => {
  await service.stop();
  for (const stream of [naming.inboundStream, naming.eventsStream]) await bus.jsm.streams.delete(stream);
  await bus.jsm.streams.delete(`KV_${prefix}_mtproto_leases`).catch(() => undefined);
  await bus.close();
  await database.drop();
});

async function call(operation: object): Promise<MtprotoCallReply> {
  const reply = await bus.nc.request(
    mtprotoCallSubject("acct", prefix),
    JSON.stringify({ v: 1, connectionId: "acct", deadline: Date.now() + 5_000, operation }),
    { timeout: 5_000 },
  );
  return reply.json<MtprotoCallReply>();
}

describe("lookups through a session", () => {
  test("a member's status and ban right, in the Bot API's terms; someone outside the group is “left”", async () => {
    expect(await call({ op: "chat.member", chatId: GROUP, userId: 10 })).toEqual({
      ok: true,
      result: { member: { status: "administrator", canRestrictMembers: true } },
    });
    expect(await call({ op: "chat.member", chatId: GROUP, userId: 11 })).toEqual({
      ok: true,
      result: { member: { status: "member", canRestrictMembers: false } },
    });
    expect(await call({ op: "chat.member", chatId: GROUP, userId: 99 })).toEqual({
      ok: true,
      result: { member: { status: "left", canRestrictMembers: false } },
    });
  });

  test("a user by username or by id; an unknown one is a 400 in the Bot API's words", async () => {
    const sam = { id: 5150, isBot: false, firstName: "Sam", lastName: null, username: "sam_stone" };
    expect(await call({ op: "user.resolve", user: "sam_stone" })).toEqual({
      ok: true,
      result: { user: sam },
    });
    expect(await call({ op: "user.resolve", user: 5150 })).toEqual({ ok: true, result: { user: sam } });
    expect(await call({ op: "user.resolve", user: 6000 })).toEqual({
      ok: false,
      error: { code: 400, description: "Bad Request: chat not found" },
    });
    expect(await call({ op: "user.resolve", user: "nobody_here" })).toEqual({
      ok: false,
      error: { code: 400, description: "Bad Request: USERNAME_NOT_OCCUPIED" },
    });
  });

  test("a username outside Telegram's rules is refused by the contract, without asking Telegram", async () => {
    const before = account.calls.length;
    expect(await call({ op: "user.resolve", user: "@x y" })).toMatchObject({
      ok: false,
      error: { code: 400 },
    });
    expect(account.calls.length).toBe(before);
  });

  test("a group paused for sends by a flood wait still answers who is a member, and a lookup's flood wait pauses no send", async () => {
    account.failNextCall(
      tl.RpcError.fromTl({ _: "rpc_error", errorCode: 420, errorMessage: "FLOOD_WAIT_30" }),
    );
    expect(await call({ op: "text.send", chatId: GROUP, text: "hello" })).toMatchObject({
      ok: false,
      error: { code: 429 },
    });
    expect(await call({ op: "chat.member", chatId: GROUP, userId: 10 })).toMatchObject({ ok: true });

    account.failNextCall(
      tl.RpcError.fromTl({ _: "rpc_error", errorCode: 420, errorMessage: "FLOOD_WAIT_30" }),
    );
    expect(await call({ op: "chat.member", chatId: 42, userId: 10 })).toMatchObject({
      ok: false,
      error: { code: 429, retryAfterSeconds: 30 },
    });
    expect(await call({ op: "text.send", chatId: 42, text: "still goes" })).toMatchObject({ ok: true });
  });
});
