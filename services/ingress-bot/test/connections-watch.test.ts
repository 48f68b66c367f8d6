import {
  natsConnectionChanges,
  registerBotConnection,
  removeConnection,
  setConnectionStatus,
} from "@topicdesk/connections";
import { createTestDatabase, type TestDatabase } from "@topicdesk/db";
import { createSupportDesk, startTelegramSim, type TelegramSim } from "@topicdesk/telegram-sim";
import { createLogger } from "@topicdesk/telemetry";
import { type IngressService, startIngressService } from "../src/index.ts";
import { createTestBus, PARTITIONS, secretBox, type TestBus } from "./ingress-fixtures.ts";

const log = createLogger({ service: "ingress-watch-test", level: "silent" });
const TOKEN = "8100000001:AAH-connections-watch-token-0123456789";

/**
 * Webhook mode follows connection changes announced on the bus: a bot added elsewhere gets its
 * webhook pointed at this ingress at once, and a paused one is no longer received.
 */
describe("ingress follows connection changes (webhook mode)", () => {
  let sim: TelegramSim;
  let database: TestDatabase;
  let testBus: TestBus;
  let ingress: IngressService;
  const publicUrl = "http://127.0.0.1:9/hooks";

  beforeAll(async () => {
    sim = await startTelegramSim({ limits: false });
    database = await createTestDatabase();
    testBus = await createTestBus("ingress-watch-test");
    ingress = await startIngressService({
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
  });
  afterAll(async () => {
    await ingress.stop();
    await testBus.cleanup();
    await sim.close();
    await database.drop();
  });

  const waitFor = (probe: () => boolean) => sim.waitFor(() => (probe() ? true : undefined), 5_000);

  test("an added bot's webhook is set with its secret; pausing and removing stop its reception", async () => {
    const { bot, groupId } = createSupportDesk(sim, {
      bot: { token: TOKEN, username: "watched_bot", firstName: "Watched" },
      operator: { firstName: "Olga" },
    });
    const changes = natsConnectionChanges(testBus.bus.nc, { prefix: testBus.naming.prefix, log });
    expect(ingress.reception.receiving()).toEqual([]);

    await registerBotConnection(
      database.db,
      secretBox,
      { id: "watched", token: TOKEN, backendChatId: groupId, telegramApiRoot: sim.apiRoot },
      changes,
    );
    await waitFor(() => ingress.reception.receiving().includes("watched"));
    expect(sim.webhookInfo(bot.id).url).toBe(`${publicUrl}/telegram/watched`);

    await setConnectionStatus(database.db, changes, "watched", "paused");
    await waitFor(() => ingress.reception.receiving().length === 0);
    await setConnectionStatus(database.db, changes, "watched", "active");
    await waitFor(() => ingress.reception.receiving().includes("watched"));

    expect(await removeConnection(database.db, changes, "watched")).toBe(true);
    await waitFor(() => ingress.reception.receiving().length === 0);
  });
});
