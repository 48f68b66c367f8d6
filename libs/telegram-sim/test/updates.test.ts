import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "@grammyjs/types";
import { Api } from "grammy";
import { apiError, sleep, startWorld, type World } from "./support.ts";

describe("update delivery by getUpdates", () => {
  let w: World;
  beforeEach(async () => {
    w = await startWorld();
  });
  afterEach(async () => {
    await w.sim.close();
  });

  test("a user's message reaches the bot and stays until confirmed by offset", async () => {
    const first = w.sim.sendAsUser(w.client.id, { botId: w.bot.id }, { text: "one" });
    w.sim.sendAsUser(w.client.id, { botId: w.bot.id }, { text: "two" });

    const batch = await w.api.getUpdates();
    expect(batch.map((u) => u.message?.text)).toEqual(["one", "two"]);
    const [u1, u2] = batch as [Update, Update];
    expect(u2.update_id).toBe(u1.update_id + 1);
    expect(u1.update_id).not.toBe(first.message_id);
    expect(u1.message).toMatchObject({
      chat: { id: w.client.id, type: "private" },
      from: { id: w.client.id },
    });

    // Not confirmed yet: asked again, the same updates come back.
    expect((await w.api.getUpdates()).map((u) => u.update_id)).toEqual([u1.update_id, u2.update_id]);
    // offset = last id + 1 confirms both.
    expect(await w.api.getUpdates({ offset: u1.update_id + 1 })).toHaveLength(1);
    expect(await w.api.getUpdates({ offset: u2.update_id + 1 })).toEqual([]);
    expect(w.sim.pendingUpdates(w.bot.id)).toEqual([]);

    w.sim.sendAsUser(w.client.id, { botId: w.bot.id }, { text: "three" });
    const [u3] = await w.api.getUpdates({ offset: u2.update_id + 1 });
    expect(u3?.update_id).toBe(u2.update_id + 1);
  });

  test("long polling returns as soon as an update arrives, or empty after the timeout", async () => {
    const started = Date.now();
    const waiting = w.api.getUpdates({ timeout: 10 });
    await sleep(150);
    w.sim.sendAsUser(w.client.id, { botId: w.bot.id }, { text: "ping" });
    const updates = await waiting;
    expect(updates.map((u) => u.message?.text)).toEqual(["ping"]);
    expect(Date.now() - started).toBeLessThan(2_000);

    const idleStart = Date.now();
    const idle = await w.api.getUpdates({ offset: (updates[0]?.update_id ?? 0) + 1, timeout: 1 });
    expect(idle).toEqual([]);
    expect(Date.now() - idleStart).toBeGreaterThanOrEqual(900);
  });

  test("a newer getUpdates terminates a waiting one with 409", async () => {
    const older = apiError(w.api.getUpdates({ timeout: 10 }));
    await sleep(100);
    const newer = w.api.getUpdates({ timeout: 10 });
    const conflict = await older;
    expect(conflict.error_code).toBe(409);
    expect(conflict.description).toMatch(/^Conflict: terminated by other getUpdates request/);
    w.sim.sendAsUser(w.client.id, { botId: w.bot.id }, { text: "x" });
    expect(await newer).toHaveLength(1);
  });

  test("group messages reach every member bot, never the sender, with update ids per bot", async () => {
    const second = w.sim.createBot({ token: "555:SECOND", username: "second_bot" });
    const outsider = w.sim.createBot({ token: "556:OUTSIDER", username: "outsider_bot" });
    w.sim.addMember(w.groupId, { userId: second.id, status: "member" });
    const secondApi = new Api("555:SECOND", { apiRoot: w.sim.apiRoot });
    const outsiderApi = new Api("556:OUTSIDER", { apiRoot: w.sim.apiRoot });

    // Being added to the group is a my_chat_member update for the added bot only.
    const joined = await secondApi.getUpdates();
    expect(
      joined.map((u) => [u.my_chat_member?.old_chat_member.status, u.my_chat_member?.new_chat_member.status]),
    ).toEqual([["left", "member"]]);
    await secondApi.getUpdates({ offset: (joined[0]?.update_id ?? 0) + 1 });

    w.sim.sendAsUser(w.operator.id, { chatId: w.groupId }, { text: "hello bots" });
    await w.api.sendMessage(w.groupId, "a bot speaking");

    expect((await w.api.getUpdates()).map((u) => u.message?.text)).toEqual(["hello bots"]);
    expect((await secondApi.getUpdates()).map((u) => u.message?.text)).toEqual(["hello bots"]);
    expect(await outsiderApi.getUpdates()).toEqual([]);
    expect(outsider.id).not.toBe(second.id);
  });

  test("edits produce edited_message; reactions arrive only when subscribed", async () => {
    const sent = w.sim.sendAsUser(w.client.id, { botId: w.bot.id }, { text: "helo" });
    w.sim.editAsUser(w.client.id, w.client.id, sent.message_id, { text: "hello" });
    w.sim.reactAsUser(w.client.id, w.bot.id, sent.message_id, ["👍"]);

    const defaults = await w.api.getUpdates();
    expect(defaults.map((u) => Object.keys(u).filter((k) => k !== "update_id"))).toEqual([
      ["message"],
      ["edited_message"],
    ]);
    const edited = defaults[1]?.edited_message;
    expect(edited).toMatchObject({ message_id: sent.message_id, text: "hello" });
    expect(typeof edited?.edit_date).toBe("number");
    // The first update still shows the message as it was when sent.
    expect(defaults[0]?.message?.text).toBe("helo");

    const next = (defaults[1]?.update_id ?? 0) + 1;
    await w.api.getUpdates({
      offset: next,
      allowed_updates: ["message", "edited_message", "message_reaction"],
    });
    w.sim.reactAsUser(w.client.id, w.client.id, sent.message_id, ["🔥", "👍"]);
    const [reaction] = await w.api.getUpdates({ offset: next });
    expect(reaction?.message_reaction).toMatchObject({
      chat: { id: w.client.id },
      message_id: sent.message_id,
      user: { id: w.client.id },
      old_reaction: [{ type: "emoji", emoji: "👍" }],
      new_reaction: [
        { type: "emoji", emoji: "🔥" },
        { type: "emoji", emoji: "👍" },
      ],
    });
  });
});

interface Received {
  headers: IncomingHttpHeaders;
  update: Update;
  status: number;
}

/** A local webhook endpoint that answers 500 to the first `failFirst` requests. */
async function startReceiver(
  failFirst: number,
): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  let failuresLeft = failFirst;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const status = failuresLeft > 0 ? 500 : 200;
      failuresLeft -= 1;
      received.push({
        headers: request.headers,
        update: JSON.parse(Buffer.concat(chunks).toString("utf8")),
        status,
      });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/telegram/hook`, received };
}

describe("update delivery by webhook", () => {
  let w: World;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeEach(async () => {
    w = await startWorld({ limits: false, webhookRetryBaseMs: 20, webhookRetryMaxMs: 100 });
  });
  afterEach(async () => {
    await w.sim.close();
    await new Promise((resolve) => receiver.server.close(resolve));
  });

  test("updates are pushed in order with the secret header; a 500 is retried, never skipped", async () => {
    receiver = await startReceiver(2);
    expect(await w.api.setWebhook(receiver.url, { secret_token: "s3cret_T0ken" })).toBe(true);
    for (const text of ["one", "two", "three"]) w.sim.sendAsUser(w.client.id, { botId: w.bot.id }, { text });

    await w.sim.waitFor(() => receiver.received.filter((r) => r.status === 200).length === 3, 5_000);
    expect(receiver.received.map((r) => [r.update.message?.text, r.status])).toEqual([
      ["one", 500],
      ["one", 500],
      ["one", 200],
      ["two", 200],
      ["three", 200],
    ]);
    for (const r of receiver.received)
      expect(r.headers["x-telegram-bot-api-secret-token"]).toBe("s3cret_T0ken");

    const info = await w.api.getWebhookInfo();
    expect(info).toMatchObject({ url: receiver.url, pending_update_count: 0 });
    expect(info.last_error_message).toBe("Wrong response from the webhook: 500 Internal Server Error");

    const conflict = await apiError(w.api.getUpdates());
    expect(conflict.error_code).toBe(409);
    expect(conflict.description).toBe(
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    );
  });

  test("pending updates wait for the webhook, can be dropped, and go back to getUpdates after deleteWebhook", async () => {
    receiver = await startReceiver(0);
    w.sim.sendAsUser(w.client.id, { botId: w.bot.id }, { text: "old" });
    await w.api.setWebhook(receiver.url, { drop_pending_updates: true });
    w.sim.sendAsUser(w.client.id, { botId: w.bot.id }, { text: "new" });
    await w.sim.waitFor(() => receiver.received.length === 1, 5_000);
    expect(receiver.received[0]?.update.message?.text).toBe("new");
    expect(receiver.received[0]?.headers["x-telegram-bot-api-secret-token"]).toBeUndefined();

    await w.api.deleteWebhook();
    w.sim.sendAsUser(w.client.id, { botId: w.bot.id }, { text: "polled" });
    expect((await w.api.getUpdates()).map((u) => u.message?.text)).toEqual(["polled"]);
    expect(receiver.received).toHaveLength(1);
  });

  test("an unreachable webhook keeps the update pending and reports the error", async () => {
    receiver = await startReceiver(0);
    const deadUrl = receiver.url;
    await new Promise((resolve) => receiver.server.close(resolve));
    await w.api.setWebhook(deadUrl);
    w.sim.sendAsUser(w.client.id, { botId: w.bot.id }, { text: "lost?" });
    const info = await w.sim.waitFor(async () => {
      const current = await w.api.getWebhookInfo();
      return current.last_error_message ? current : undefined;
    }, 5_000);
    expect(info.last_error_message).toBe("Connection refused");
    expect(info.pending_update_count).toBe(1);
    receiver = await startReceiver(0);
    await w.api.setWebhook(receiver.url);
    await w.sim.waitFor(() => receiver.received.length === 1, 5_000);
    expect(receiver.received[0]?.update.message?.text).toBe("lost?");
  });
});
