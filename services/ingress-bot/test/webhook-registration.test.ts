import { createTestDatabase, type TestDatabase } from "@topicdesk/db";
import { startTelegramSim, type TelegramSim } from "@topicdesk/telegram-sim";
import { createLogger } from "@topicdesk/telemetry";
import { Api } from "grammy";
import { forEachConcurrently } from "../src/connections-watch/bounded-concurrency.ts";
import { type IngressService, startIngressService } from "../src/index.ts";
import {
  createBotConnection,
  createTestBus,
  PARTITIONS,
  secretBox,
  type TestBus,
} from "./ingress-fixtures.ts";

const log = createLogger({ service: "webhook-registration-test", level: "silent" });
const BOTS = 12;

/**
 * Webhook mode at start: a bot whose webhook Telegram already shows as ours (URL, allowed updates)
 * and whose recorded digest matches (it covers the secret Telegram never shows) gets no setWebhook.
 */
describe("ingress sets webhooks only where they differ", () => {
  let sim: TelegramSim;
  let database: TestDatabase;
  let testBus: TestBus;
  const publicUrl = "http://127.0.0.1:9/hooks";
  const bots: { id: string; token: string; botId: number }[] = [];

  beforeAll(async () => {
    sim = await startTelegramSim({ limits: false });
    database = await createTestDatabase();
    testBus = await createTestBus("webhook-registration-test");
    for (let n = 1; n <= BOTS; n += 1) {
      const token = `${8_200_000_000 + n}:AAH-webhook-registration-token-${n}-0123456789`;
      const bot = sim.createBot({ token, username: `registered_${n}_bot` });
      const { id } = await createBotConnection(database, { token, bot_user_id: bot.id });
      bots.push({ id, token, botId: bot.id });
    }
  });
  afterAll(async () => {
    await testBus.cleanup();
    await sim.close();
    await database.drop();
  });

  /** Runs ingress through its start-up (every connection loaded) and stops it; returns the calls made. */
  const startAndStop = async (): Promise<{ setWebhook: number; getWebhookInfo: number }> => {
    const before = sim.stats().calls;
    const ingress: IngressService = await startIngressService({
      db: database.db,
      bus: testBus.bus,
      naming: testBus.naming,
      secretBox,
      partitions: PARTITIONS,
      telegramApiRoot: sim.apiRoot,
      mode: "webhook",
      publicUrl,
      host: "127.0.0.1",
      port: 0,
      log,
      connectionResyncIntervalMs: 0,
    });
    expect(ingress.reception.receiving()).toHaveLength(BOTS);
    await ingress.stop();
    const after = sim.stats().calls;
    const delta = (method: string) => (after[method] ?? 0) - (before[method] ?? 0);
    return { setWebhook: delta("setWebhook"), getWebhookInfo: delta("getWebhookInfo") };
  };

  test("the first start sets every webhook; a restart only reads them", async () => {
    expect((await startAndStop()).setWebhook).toBe(BOTS);
    for (const bot of bots) expect(sim.webhookInfo(bot.botId).url).toBe(`${publicUrl}/telegram/${bot.id}`);
    expect(await startAndStop()).toEqual({ setWebhook: 0, getWebhookInfo: BOTS });
  });

  test("a webhook changed at Telegram, or a secret changed here, is set again; the rest are not", async () => {
    const [moved, rekeyed] = bots;
    if (!moved || !rekeyed) throw new Error("two bots at least");
    // Someone pointed one bot elsewhere (another system, or BotFather's deleteWebhook).
    await new Api(moved.token, { apiRoot: sim.apiRoot }).setWebhook("http://127.0.0.1:9/elsewhere");
    // Another bot's secret was rotated in our database: Telegram cannot show that difference.
    await database.db
      .updateTable("connections")
      .set({ webhook_secret_encrypted: secretBox.seal("Wh-rotated-secret-0123456789") })
      .where("id", "=", rekeyed.id)
      .execute();

    expect((await startAndStop()).setWebhook).toBe(2);
    expect(sim.webhookInfo(moved.botId).url).toBe(`${publicUrl}/telegram/${moved.id}`);
    expect((await startAndStop()).setWebhook).toBe(0);
  });
});

describe("forEachConcurrently", () => {
  test("runs every item, never more than the limit at once", async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await forEachConcurrently(
      Array.from({ length: 20 }, (_, i) => i),
      3,
      async (item) => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setImmediate(resolve));
        done.push(item);
        running -= 1;
      },
    );
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(peak).toBe(3);
  });
});
