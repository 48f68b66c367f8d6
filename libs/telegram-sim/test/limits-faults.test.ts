import { Api, HttpError } from "grammy";
import { apiError, BOT_TOKEN, startWorld, type World } from "./support.ts";

describe("flood limits", () => {
  let w: World;
  afterEach(async () => {
    await w.sim.close();
  });

  test("the 21st send into a group within a minute gets 429 with retry_after from the window", async () => {
    w = await startWorld({});
    const { message_thread_id: threadId } = await w.api.createForumTopic(w.groupId, "counts as a send");
    for (let i = 1; i < 20; i += 1)
      await w.api.sendMessage(w.groupId, `msg ${i}`, { message_thread_id: threadId });

    const limited = await apiError(w.api.sendMessage(w.groupId, "one too many"));
    expect(limited.error_code).toBe(429);
    expect(limited.parameters.retry_after).toBe(60);
    expect(limited.description).toBe("Too Many Requests: retry after 60");
    const topic = await apiError(w.api.createForumTopic(w.groupId, "also limited"));
    expect(topic.error_code).toBe(429);

    w.sim.advanceClock(30_000);
    const later = await apiError(w.api.sendMessage(w.groupId, "still too many"));
    expect(later.parameters.retry_after).toBe(30);

    w.sim.advanceClock(30_000);
    await w.api.sendMessage(w.groupId, "window passed");

    const stats = w.sim.stats();
    expect(stats.tooManyRequests).toBe(3);
    expect(stats.sendsByChat[w.groupId]).toHaveLength(21);
    expect(stats.calls).toMatchObject({ createForumTopic: 2, sendMessage: 22 });
    // Refused sends left nothing behind.
    expect(w.sim.messages(w.groupId).filter((m) => m.text === "one too many")).toEqual([]);
  });

  test("two sends to one private chat within a second: the second gets 429 retry_after 1", async () => {
    w = await startWorld({});
    w.sim.sendAsUser(w.client.id, { botId: w.bot.id }, { text: "hi" });
    await w.api.sendMessage(w.client.id, "first");
    const limited = await apiError(w.api.sendMessage(w.client.id, "second"));
    expect([limited.error_code, limited.parameters.retry_after]).toEqual([429, 1]);
    // Other chats are not affected by this chat's window.
    await w.api.sendMessage(w.groupId, "group is fine");
    w.sim.advanceClock(1_000);
    await w.api.sendMessage(w.client.id, "second, later");
  });

  test("the per-bot limit spans all chats", async () => {
    w = await startWorld({
      limits: { perGroupPerMinute: 100, perPrivateChatPerSecond: 100, perBotPerSecond: 3 },
    });
    w.sim.sendAsUser(w.client.id, { botId: w.bot.id }, { text: "hi" });
    await w.api.sendMessage(w.client.id, "1");
    await w.api.sendMessage(w.groupId, "2");
    await w.api.sendMessage(w.client.id, "3");
    const limited = await apiError(w.api.sendMessage(w.groupId, "4"));
    expect([limited.error_code, limited.parameters.retry_after]).toEqual([429, 1]);
  });

  test("limits: false never answers 429", async () => {
    w = await startWorld({ limits: false });
    w.sim.sendAsUser(w.client.id, { botId: w.bot.id }, { text: "hi" });
    for (let i = 0; i < 25; i += 1) await w.api.sendMessage(w.groupId, `g${i}`);
    for (let i = 0; i < 5; i += 1) await w.api.sendMessage(w.client.id, `p${i}`);
    expect(w.sim.stats().tooManyRequests).toBe(0);
  });
});

describe("injected faults", () => {
  let w: World;
  beforeEach(async () => {
    w = await startWorld();
    w.sim.sendAsUser(w.client.id, { botId: w.bot.id }, { text: "hi" });
  });
  afterEach(async () => {
    await w.sim.close();
  });

  test("failNext fails the next calls of one method without side effects", async () => {
    w.sim.failNext("sendMessage", { errorCode: 502, count: 2 });
    expect(await w.api.getMe()).toMatchObject({ id: w.bot.id });
    const first = await apiError(w.api.sendMessage(w.client.id, "a"));
    expect([first.error_code, first.description]).toEqual([502, "Bad Gateway"]);
    expect((await apiError(w.api.sendMessage(w.client.id, "b"))).error_code).toBe(502);
    await w.api.sendMessage(w.client.id, "c");
    expect(w.sim.messages(w.client.id).map((m) => m.text)).toEqual(["hi", "c"]);

    w.sim.failNext("*", { errorCode: 403, description: "Forbidden: bot was blocked by the user" });
    const any = await apiError(w.api.getMe());
    expect([any.error_code, any.description]).toEqual([403, "Forbidden: bot was blocked by the user"]);

    w.sim.failNext("copyMessage", { errorCode: 429, retryAfter: 7 });
    const flood = await apiError(w.api.copyMessage(w.groupId, w.client.id, 1));
    expect([flood.error_code, flood.parameters.retry_after]).toEqual([429, 7]);

    w.sim.failNext("getme", { errorCode: 500 });
    expect((await apiError(w.api.getMe())).description).toBe("Internal Server Error");
  });

  test("failNext with a chatId fails only calls addressed to that chat", async () => {
    const other = w.sim.createUser({ firstName: "Other" });
    w.sim.sendAsUser(other.id, { botId: w.bot.id }, { text: "hello" });
    w.sim.failNext("*", { errorCode: 429, retryAfter: 3, chatId: w.client.id });
    await w.api.sendMessage(other.id, "to the other chat");
    expect(await w.api.getMe()).toMatchObject({ id: w.bot.id });
    const held = await apiError(w.api.sendMessage(w.client.id, "held back"));
    expect([held.error_code, held.parameters.retry_after]).toEqual([429, 3]);
    await w.api.sendMessage(w.client.id, "then through");
    expect(w.sim.messages(w.client.id).map((m) => m.text)).toEqual(["hi", "then through"]);
  });

  test("an outage answers every method with 502 until lifted", async () => {
    w.sim.setOutage({ errorCode: 502 });
    expect((await apiError(w.api.getMe())).error_code).toBe(502);
    expect((await apiError(w.api.sendMessage(w.client.id, "x"))).error_code).toBe(502);
    w.sim.setOutage(null);
    await w.api.sendMessage(w.client.id, "x");
  });

  test("a slow outage makes clients time out while the call still takes effect later", async () => {
    w.sim.setOutage({ delayMs: 400 });
    const impatient = new Api(BOT_TOKEN, { apiRoot: w.sim.apiRoot, timeoutSeconds: 0.1 });
    await expect(impatient.sendMessage(w.client.id, "maybe sent")).rejects.toBeInstanceOf(HttpError);
    const message = await w.sim.waitFor(
      () => w.sim.messages(w.client.id).find((m) => m.text === "maybe sent"),
      2_000,
    );
    expect(message.from?.id).toBe(w.bot.id);

    const started = Date.now();
    await w.api.getMe();
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    w.sim.setOutage(null);
  });
});
