import type { InboundEvent } from "@topicdesk/contracts";
import { createBotApi } from "@topicdesk/telegram";
import { startTelegramSim, type TelegramSim } from "@topicdesk/telegram-sim";
import { createLogger } from "@topicdesk/telemetry";
import { startPolling } from "../src/polling/poll-updates.ts";
import { connectSecondBus, createTestBus, PARTITIONS, type TestBus } from "./ingress-fixtures.ts";

const log = createLogger({ service: "ingress-bot-test", level: "silent" });
const CONNECTION = "polling-bot";

let sim: TelegramSim;
let testBus: TestBus;
let bot: { id: number; token: string };
let client: { id: number };
const pollers: Array<{ stop(): Promise<void> }> = [];

beforeEach(async () => {
  [sim, testBus] = await Promise.all([startTelegramSim({ limits: false }), createTestBus("ingress-polling")]);
  const token = "7100000001:POLLING-SECRET";
  bot = { id: sim.createBot({ token, username: "desk_bot" }).id, token };
  client = sim.createUser({ firstName: "Jane" });
});

afterEach(async () => {
  await Promise.all(pollers.splice(0).map((poller) => poller.stop()));
  await sim.close();
  await testBus.cleanup();
});

/** A poller of the bot publishing to `bus` (the test's own by default), stopped after the test. */
function poll(bus = testBus.bus): { stop(): Promise<void> } {
  const poller = startPolling({
    api: createBotApi(bot.token, { apiRoot: sim.apiRoot }),
    connectionId: CONNECTION,
    bus,
    naming: testBus.naming,
    partitions: PARTITIONS,
    log,
    timeoutSeconds: 1,
  });
  pollers.push(poller);
  return {
    stop: async () => {
      pollers.splice(pollers.indexOf(poller), 1);
      await poller.stop();
    },
  };
}

function clientWrites(text: string): void {
  sim.sendAsUser(client.id, { botId: bot.id }, { text });
}

/** The texts of the stored events, in stream order. */
async function storedTexts(): Promise<Array<string | undefined>> {
  const info = await testBus.bus.jsm.streams.info(testBus.naming.inboundStream);
  const texts: Array<string | undefined> = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const stored = await testBus.bus.jsm.streams.getMessage(testBus.naming.inboundStream, { seq });
    texts.push(stored?.json<InboundEvent>().message?.text);
  }
  return texts;
}

describe("long polling", () => {
  test("each update is published once, in order, and confirmed to Telegram", async () => {
    for (const text of ["one", "two", "three"]) clientWrites(text);

    const poller = poll();
    await sim.waitFor(async () => (await testBus.storedEvents()) === 3, 5_000);
    await sim.waitFor(() => sim.pendingUpdates(bot.id).length === 0, 5_000);
    await poller.stop();

    expect(await storedTexts()).toEqual(["one", "two", "three"]);
  });

  test("after a restart nothing is published twice and new messages follow in order", async () => {
    clientWrites("before");
    const first = poll();
    await sim.waitFor(async () => (await testBus.storedEvents()) === 1, 5_000);
    await first.stop();

    clientWrites("after 1");
    clientWrites("after 2");
    poll();
    await sim.waitFor(async () => (await testBus.storedEvents()) === 3, 5_000);
    await sim.waitFor(() => sim.pendingUpdates(bot.id).length === 0, 5_000);

    expect(await storedTexts()).toEqual(["before", "after 1", "after 2"]);
  });

  test("an update that could not be published is kept by Telegram and published after recovery", async () => {
    const brokenBus = await connectSecondBus("ingress-polling-broken");
    await brokenBus.close();
    clientWrites("during the NATS outage");

    const failing = poll(brokenBus);
    await sim.waitFor(() => (sim.stats().calls.getUpdates ?? 0) >= 2, 5_000);
    await failing.stop();
    expect(await testBus.storedEvents()).toBe(0);
    expect(sim.pendingUpdates(bot.id)).toHaveLength(1);

    poll();
    await sim.waitFor(async () => (await testBus.storedEvents()) === 1, 5_000);
    expect(await storedTexts()).toEqual(["during the NATS outage"]);
  });

  test("stopping does not wait out the back-off of a failing poller", async () => {
    const brokenBus = await connectSecondBus("ingress-polling-broken");
    await brokenBus.close();
    clientWrites("stuck");
    const failing = poll(brokenBus);
    // Three failures in a row: the poller now waits one to two seconds before the next attempt.
    await sim.waitFor(() => (sim.stats().calls.getUpdates ?? 0) >= 3, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 50));

    const started = Date.now();
    await failing.stop();

    expect(Date.now() - started).toBeLessThan(300);
  });

  test("a poller that cannot reach Telegram at start keeps trying instead of crashing", async () => {
    sim.failNext("deleteWebhook", { errorCode: 502, description: "Bad Gateway" });
    clientWrites("hello after the hiccup");

    poll();

    await sim.waitFor(async () => (await testBus.storedEvents()) === 1, 5_000);
    expect(await storedTexts()).toEqual(["hello after the hiccup"]);
  });
});
