import { type Bus, connectBus } from "@topicdesk/bus";
import { type MtprotoCallReply, type MtprotoCallRequest, mtprotoCallSubject } from "@topicdesk/contracts";
import { createMtprotoCaller, MtprotoUnreachableError } from "../src/index.ts";

const prefix = `tt${process.pid}${Date.now().toString(36)}`;
let bus: Bus;

beforeAll(async () => {
  bus = await connectBus({ url: "nats://127.0.0.1:4222", name: "telegram-transport-test" });
});

afterAll(async () => {
  await bus.close();
});

/** A session owner that answers every call on a connection's subject with `answer(request)`. */
function serve(connectionId: string, answer: (request: MtprotoCallRequest) => unknown) {
  const subscription = bus.nc.subscribe(mtprotoCallSubject(connectionId, prefix));
  void (async () => {
    for await (const message of subscription) {
      message.respond(JSON.stringify(answer(message.json<MtprotoCallRequest>())));
    }
  })();
  return subscription;
}

const caller = (connectionId: string, deadlineMs = 2_000) =>
  createMtprotoCaller({
    nc: bus.nc,
    connectionId,
    subjectPrefix: prefix,
    deadlineMs,
    answerGraceMs: 500,
    now: () => 1_000_000,
  });

describe("calling a session's owner", () => {
  test("the request carries the contract's version, connection and deadline; the reply comes back as is", async () => {
    const seen: MtprotoCallRequest[] = [];
    const subscription = serve("acct", (request) => {
      seen.push(request);
      return { ok: true, result: { member: { status: "member", canRestrictMembers: false } } };
    });
    const reply = await caller("acct")({ op: "chat.member", chatId: -1009, userId: 42 });
    expect(reply).toEqual({ ok: true, result: { member: { status: "member", canRestrictMembers: false } } });
    expect(seen).toEqual([
      {
        v: 1,
        connectionId: "acct",
        deadline: 1_002_000,
        operation: { op: "chat.member", chatId: -1009, userId: 42 },
      },
    ]);
    subscription.unsubscribe();
  });

  test("a refusal is an answer, not an exception", async () => {
    const subscription = serve("refusing", () => ({
      ok: false,
      error: { code: 400, description: "Bad Request: USERNAME_NOT_OCCUPIED" },
    }));
    const reply: MtprotoCallReply = await caller("refusing")({ op: "user.resolve", user: "nobody_here" });
    expect(reply).toEqual({
      ok: false,
      error: { code: 400, description: "Bad Request: USERNAME_NOT_OCCUPIED" },
    });
    subscription.unsubscribe();
  });

  test("no replica running the session: unreachable at once", async () => {
    await expect(caller("nobody-runs-this")({ op: "user.resolve", user: 42 })).rejects.toBeInstanceOf(
      MtprotoUnreachableError,
    );
  });

  test("an answer outside the contract counts as unreachable", async () => {
    const subscription = serve("garbled", () => ({ ok: "maybe" }));
    await expect(caller("garbled")({ op: "user.resolve", user: 42 })).rejects.toThrow(
      "MTProto session of garbled did not answer",
    );
    subscription.unsubscribe();
  });

  test("an owner that never answers: unreachable after the deadline and the grace", async () => {
    const subscription = bus.nc.subscribe(mtprotoCallSubject("silent", prefix));
    await expect(caller("silent", 100)({ op: "user.resolve", user: 42 })).rejects.toBeInstanceOf(
      MtprotoUnreachableError,
    );
    subscription.unsubscribe();
  });
});
