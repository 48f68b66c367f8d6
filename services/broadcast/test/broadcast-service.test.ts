import type { DeliveryJob } from "@topicdesk/contracts";
import { loadBlob } from "@topicdesk/queue";
import { parse } from "csv-parse/sync";
import { type BroadcastWorld, startBroadcastWorld } from "./broadcast-fixture.ts";

const CLIENTS = 1000;
let world: BroadcastWorld;

beforeAll(async () => {
  world = await startBroadcastWorld(CLIENTS);
}, 120_000);
afterAll(async () => {
  await world?.close();
});

const statuses = async (broadcastId: number) =>
  Object.fromEntries(
    (
      await world.database.db
        .selectFrom("broadcast_recipients")
        .select(["status", (eb) => eb.fn.countAll<string>().as("count")])
        .where("broadcast_id", "=", broadcastId)
        .groupBy("status")
        .execute()
    ).map((row) => [row.status, Number(row.count)]),
  );

const draftOf = async (commandId: string) =>
  await world.waitFor(
    () =>
      world.database.db
        .selectFrom("broadcasts")
        .selectAll()
        .where("command_event_id", "=", commandId)
        .executeTakeFirst(),
    `draft of ${commandId}`,
  );

const settled = (broadcastId: number, status: string) =>
  world.waitFor(
    async () => (await world.broadcast(broadcastId)).status === status,
    `broadcast ${status}`,
    60_000,
  );

test("a broadcast to 1,000 clients within Telegram's limits: each gets it once, blocked ones are recorded, a CSV report follows", async () => {
  const blocked = world.clients.slice(0, 3);
  for (const client of blocked) world.sim.blockBot(client.id, world.bot.id);
  world.sim.failNext("copyMessage", { errorCode: 429, retryAfter: 3 });
  const statsBefore = world.sim.stats();

  const command = await world.send("all");
  const draft = await draftOf(command);
  expect(draft).toMatchObject({ status: "draft", total: CLIENTS, audience: "all" });
  expect(await world.answerTo(command)).toContain(`Broadcast #${draft.id} (draft)`);
  expect(world.clients.every((client) => world.received(client) === 0)).toBe(true);

  const confirm = await world.send(`confirm ${draft.id}`);
  expect(await world.answerTo(confirm)).toContain("started: 1,000 recipients");
  await settled(draft.id, "done");

  expect(await statuses(draft.id)).toEqual({ sent: CLIENTS - 3, blocked: 3 });
  for (const client of world.clients.slice(3)) expect(world.received(client)).toBe(1);
  const [first] = world.sim
    .messages(world.clients[5]?.id ?? 0, { botId: world.bot.id })
    .filter((m) => m.from?.is_bot);
  expect(first?.text).toBe("Spring sale: 20% off");
  // Only the one injected 429: the budgets kept every send within the simulator's limits.
  expect(world.sim.stats().tooManyRequests - statsBefore.tooManyRequests).toBe(1);

  const report = await world.waitFor(() => world.groupJob(`broadcast.${draft.id}.report`), "the report job");
  expect(report.type).toBe("file.send");
  const file = (report as Extract<DeliveryJob, { type: "file.send" }>).file;
  if (file.kind !== "blob") throw new Error("expected a blob");
  const bytes = await loadBlob(world.redis, world.queuePrefix, file.key);
  const rows: Array<Record<string, string>> = parse(Buffer.from(bytes ?? new Uint8Array()), {
    columns: true,
    bom: true,
  });
  expect(rows).toHaveLength(CLIENTS);
  expect(
    rows
      .filter((row) => row.status === "blocked")
      .map((row) => Number(row.recipient))
      .sort(),
  ).toEqual(blocked.map((client) => client.id).sort());
  expect(rows.filter((row) => row.status === "sent")).toHaveLength(CLIENTS - 3);
  // One progress message in General, edited, not a flood.
  const progress = world.sim
    .messages(world.groupId)
    .filter((m) => m.text?.startsWith(`📣 Broadcast #${draft.id} —`));
  expect(progress).toHaveLength(1);
  expect(progress[0]?.text).toContain("done: 1,000 of 1,000");
  for (const client of blocked) world.sim.unblockBot(client.id, world.bot.id);
}, 120_000);

test("a paused broadcast sends nothing until resumed, then reaches everyone exactly once", async () => {
  const before = new Map(world.clients.map((client) => [client.id, world.received(client)]));
  const command = await world.send("label:vip");
  const draft = await draftOf(command);
  expect(draft.total).toBe(CLIENTS / 10);
  await world.send(`confirm ${draft.id}`);
  await world.waitFor(async () => ((await statuses(draft.id)).sent ?? 0) >= 5, "a few sends");
  expect(await world.answerTo(await world.send(`pause ${draft.id}`))).toContain("paused");
  await settled(draft.id, "paused");
  await world.waitFor(async () => (await statuses(draft.id)).sending === undefined, "in-flight sends to end");
  const sentAtPause = (await statuses(draft.id)).sent ?? 0;
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect((await statuses(draft.id)).sent ?? 0).toBe(sentAtPause);
  expect(sentAtPause).toBeLessThan(draft.total);

  await world.send(`resume ${draft.id}`);
  await settled(draft.id, "done");
  expect(await statuses(draft.id)).toEqual({ sent: draft.total });
  for (const [index, client] of world.clients.entries()) {
    expect(world.received(client) - (before.get(client.id) ?? 0)).toBe(index % 10 === 0 ? 1 : 0);
  }
}, 60_000);

test("a cancelled broadcast stops, the rest are recorded as not sent, and the report says so", async () => {
  const command = await world.send("all active:7d");
  const draft = await draftOf(command);
  expect(draft.total).toBe(CLIENTS / 2);
  await world.send(`confirm ${draft.id}`);
  await world.waitFor(async () => ((await statuses(draft.id)).sent ?? 0) >= 5, "a few sends");
  expect(await world.answerTo(await world.send(`cancel ${draft.id}`))).toContain("cancelled");
  await world.waitFor(async () => (await world.broadcast(draft.id)).report_sent_at !== null, "the report");
  const counts = await statuses(draft.id);
  expect(counts.pending).toBeUndefined();
  expect(counts.skipped ?? 0).toBeGreaterThan(0);
  expect((counts.sent ?? 0) + (counts.skipped ?? 0) + (counts.failed ?? 0)).toBe(draft.total);
  const sentBefore = counts.sent;
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect((await statuses(draft.id)).sent).toBe(sentBefore);
}, 60_000);

test("bad arguments get a clear answer and prepare nothing", async () => {
  const cases: Array<[string, { replyTo?: number | null; threadId?: number }, RegExp]> = [
    ["everyone", {}, /Unknown recipients "everyone"/],
    ["all at tomorrow", {}, /ISO time with a zone/],
    ["all at 2001-01-01T00:00Z", {}, /That time has passed/],
    ["list", {}, /list needs user ids/],
    ["test active:7d", {}, /Filters apply to all and label/],
    ["all", { replyTo: null }, /Reply to the prepared message/],
    ["all", { threadId: 77 }, /General topic/],
    ["label:nobody", {}, /No client matches/],
    ["confirm 9999", {}, /no broadcast #9999/],
    ["pause x", {}, /Usage: \/send pause/],
    ["file", {}, /Attach the ids/],
    ["file active:7d", {}, /Filters apply to all and label/],
  ];
  const countBefore = (await world.database.db.selectFrom("broadcasts").select("id").execute()).length;
  for (const [args, options, expected] of cases) {
    expect(await world.answerTo(await world.send(args, options))).toMatch(expected);
  }
  expect((await world.database.db.selectFrom("broadcasts").select("id").execute()).length).toBe(countBefore);
}, 60_000);

test("/send test goes to the caller only; a caller who never started the bot is recorded as failed", async () => {
  const command = await world.send("test");
  const draft = await draftOf(command);
  expect(draft.total).toBe(1);
  const confirm = await world.send(`confirm ${draft.id}`);
  await settled(draft.id, "done");
  expect(await world.answerTo(confirm)).toContain("started");
  // The operator is the only recipient of `test`: the bot may not write to them first (Telegram's
  // rule), which the report records as a failure rather than hiding it.
  expect(await statuses(draft.id)).toEqual({ failed: 1 });
});
