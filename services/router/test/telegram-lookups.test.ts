import { type Bus, connectBus } from "@topicdesk/bus";
import {
  DialogStatus,
  type MtprotoCallReply,
  type MtprotoCallRequest,
  type MtprotoOperation,
  mtprotoCallSubject,
} from "@topicdesk/contracts";
import {
  ConnectionRepository,
  createRepositories,
  createSecretBox,
  createTestDatabase,
  MtprotoSessionRepository,
  type TestDatabase,
} from "@topicdesk/db";
import { MtprotoUnreachableError } from "@topicdesk/telegram-transport";
import { loadNewDialogFacts } from "../src/apply/load-new-dialog-facts.ts";
import { mtprotoLookup } from "../src/apply/mtproto-lookup.ts";
import type { TelegramLookup } from "../src/apply/telegram-lookup.ts";
import { createTelegramLookups } from "../src/apply/telegram-lookup-selector.ts";
import { createUserLookup } from "../src/apply/telegram-user-lookup.ts";
import type { NewDialogTarget } from "../src/decide/new-dialog-facts.ts";
import { createMemberLookup } from "../src/roles/member-lookup.ts";
import { BACKEND_CHAT, contextFor, operatorMessage } from "./context-factory.ts";

const SAM = { id: 5150, isBot: false, firstName: "Sam", lastName: null, username: "sam_stone" };

/** A session owner answering from a script: one reply per operation kind. */
function scriptedCaller(answer: (operation: MtprotoOperation) => MtprotoCallReply) {
  const asked: MtprotoOperation[] = [];
  const call = async (operation: MtprotoOperation) => {
    asked.push(operation);
    return answer(operation);
  };
  return { call, asked };
}

describe("lookups through an MTProto session", () => {
  test("a member's status and ban right come from the session, in the Bot API's terms", async () => {
    const { call, asked } = scriptedCaller(() => ({
      ok: true,
      result: { member: { status: "administrator", canRestrictMembers: true } },
    }));
    expect(await mtprotoLookup(call).chatMember(BACKEND_CHAT, 7777)).toEqual({
      status: "administrator",
      canRestrictMembers: true,
    });
    expect(asked).toEqual([{ op: "chat.member", chatId: BACKEND_CHAT, userId: 7777 }]);
  });

  test("a refused member lookup throws (the command is refused with “try again”), it is never a role", async () => {
    const { call } = scriptedCaller(() => ({
      ok: false,
      error: { code: 429, description: "Too Many Requests: FLOOD_WAIT_5", retryAfterSeconds: 5 },
    }));
    await expect(mtprotoLookup(call).chatMember(BACKEND_CHAT, 7777)).rejects.toThrow("FLOOD_WAIT_5");
  });

  test.each<[string, MtprotoCallReply, string]>([
    ["a resolved user is found", { ok: true, result: { user: SAM } }, "found"],
    [
      "PEER_ID_INVALID: unknown",
      { ok: false, error: { code: 400, description: "Bad Request: chat not found" } },
      "unknown",
    ],
    [
      "USERNAME_NOT_OCCUPIED: unknown",
      { ok: false, error: { code: 400, description: "Bad Request: USERNAME_NOT_OCCUPIED" } },
      "unknown",
    ],
    [
      "a flood wait: ask again later",
      { ok: false, error: { code: 429, description: "Too Many Requests", retryAfterSeconds: 3 } },
      "lookup-failed",
    ],
    [
      "a 502 from a disconnected session: ask again later",
      { ok: false, error: { code: 502, description: "x" } },
      "lookup-failed",
    ],
  ])("%s", async (_name, reply, kind) => {
    const { call } = scriptedCaller(() => reply);
    expect((await mtprotoLookup(call).user("sam_stone")).kind).toBe(kind);
  });

  test("no replica runs the session: the user lookup says “try again”", async () => {
    const lookup = mtprotoLookup(async () => {
      throw new MtprotoUnreachableError("acct", new Error("503"));
    });
    expect(await lookup.user(5150)).toEqual({ kind: "lookup-failed" });
  });
});

describe("the member lookup cache", () => {
  test("answers are reused for a minute per connection and user; failures are not kept", async () => {
    const clock = { now: 0 };
    let calls = 0;
    let fail = true;
    const lookup: TelegramLookup = {
      chatMember: async () => {
        calls += 1;
        if (fail) throw new Error("outage");
        return { status: "member", canRestrictMembers: false };
      },
      user: async () => ({ kind: "lookup-failed" }),
    };
    const members = createMemberLookup({ lookups: async () => lookup, clock: () => clock.now });
    await expect(members("acct", BACKEND_CHAT, 1)).rejects.toThrow("outage");
    fail = false;
    await members("acct", BACKEND_CHAT, 1);
    await members("acct", BACKEND_CHAT, 1);
    expect(calls).toBe(2);
    await members("acct", BACKEND_CHAT, 2);
    clock.now = 60_000;
    await members("acct", BACKEND_CHAT, 1);
    expect(calls).toBe(4);
  });
});

/**
 * The router's wiring on real Postgres and NATS: an account connection (a session row, no token)
 * is asked through its session's call subject, and `/new` turns the answers into what it decides on.
 */
describe("an account connection's /new facts, through its session", () => {
  const box = createSecretBox("router-lookups-test-key");
  const prefix = `rl${process.pid}${Date.now().toString(36)}`;
  let database: TestDatabase;
  let bus: Bus;
  const requests: MtprotoCallRequest[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    bus = await connectBus({ url: "nats://127.0.0.1:4222", name: "router-lookups-test" });
    await new ConnectionRepository(database.db).create(
      { id: "acct", kind: "account", title: "Sales account", backend_chat_id: BACKEND_CHAT },
      box,
    );
    await new MtprotoSessionRepository(database.db).ensure("acct", "user");
    const subscription = bus.nc.subscribe(mtprotoCallSubject("acct", prefix));
    void (async () => {
      for await (const message of subscription) {
        const request = message.json<MtprotoCallRequest>();
        requests.push(request);
        message.respond(JSON.stringify(sessionAnswer(request.operation)));
      }
    })();
  });

  afterAll(async () => {
    await bus.close();
    await database.drop();
  });

  /** The session knows Sam by username, and by id only Sam (whom it has met). */
  function sessionAnswer(operation: MtprotoOperation): MtprotoCallReply {
    if (operation.op === "chat.member") {
      return { ok: true, result: { member: { status: "member", canRestrictMembers: false } } };
    }
    if (operation.op === "user.resolve" && (operation.user === "sam_stone" || operation.user === SAM.id)) {
      return { ok: true, result: { user: SAM } };
    }
    return { ok: false, error: { code: 400, description: "Bad Request: chat not found" } };
  }

  const lookups = () =>
    createTelegramLookups({
      db: database.db,
      secretBox: box,
      telegramApiRoot: "http://127.0.0.1:9",
      nc: bus.nc,
      subjectPrefix: prefix,
    });

  async function targetOf(args: string): Promise<NewDialogTarget | undefined> {
    const context = contextFor(operatorMessage({ text: `/new ${args}`, threadId: undefined }));
    context.connection = { ...context.connection, id: "acct" };
    const facts = await loadNewDialogFacts(
      context,
      args,
      createRepositories(database.db),
      createUserLookup(lookups()),
    );
    return facts.target;
  }

  test("the caller's membership is asked through the session (the Bot API is never tried)", async () => {
    const members = createMemberLookup({ lookups: lookups() });
    expect(await members("acct", BACKEND_CHAT, 7777)).toEqual({
      status: "member",
      canRestrictMembers: false,
    });
    expect(requests.at(-1)).toMatchObject({
      v: 1,
      connectionId: "acct",
      operation: { op: "chat.member", chatId: BACKEND_CHAT, userId: 7777 },
    });
  });

  test("/new @username resolves through the session to the user, names and all", async () => {
    expect(await targetOf("@sam_stone")).toEqual({
      kind: "found",
      user: { id: 5150, firstName: "Sam", lastName: null, username: "sam_stone" },
    });
  });

  test("an unknown username and an id the account never met are told apart", async () => {
    expect(await targetOf("@nobody_here")).toEqual({ kind: "no-such-username", username: "nobody_here" });
    expect(await targetOf("6000")).toEqual({ kind: "account-unreachable", userId: 6000 });
  });

  test("a username that resolves to someone the account already talks to links the existing dialog", async () => {
    await createRepositories(database.db).dialogRepository.create({
      connection_id: "acct",
      client_chat_id: SAM.id,
      chat_type: "private",
      backend_chat_id: BACKEND_CHAT,
      status: DialogStatus.SupportAnswered,
      topic_id: 77,
    });
    expect(await targetOf("@sam_stone")).toEqual({
      kind: "existing",
      clientChatId: SAM.id,
      topicId: 77,
      status: DialogStatus.SupportAnswered,
    });
  });

  test("a connection whose session no replica runs: “try again”, nothing opened", async () => {
    await new ConnectionRepository(database.db).create(
      { id: "idle", kind: "account", title: "Idle account", backend_chat_id: -1002 },
      box,
    );
    await new MtprotoSessionRepository(database.db).ensure("idle", "user");
    expect(await createUserLookup(lookups())("idle", "sam_stone")).toEqual({ kind: "lookup-failed" });
    await expect(createMemberLookup({ lookups: lookups() })("idle", -1002, 7777)).rejects.toBeInstanceOf(
      MtprotoUnreachableError,
    );
  });
});
