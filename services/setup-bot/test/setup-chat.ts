import { createSecretBox, createTestDatabase, type TestDatabase } from "@topicdesk/db";
import { FakeLoginClient } from "@topicdesk/mtproto-login/testing";
import { type SimUser, startTelegramSim, type TelegramSim } from "@topicdesk/telegram-sim";
import { createLogger } from "@topicdesk/telemetry";
import { type SetupBotService, type SetupDeps, startSetupBot } from "../src/index.ts";
import { botToken, SetupChat } from "../src/testing/index.ts";

export { botToken };

export interface SetupWorld {
  sim: TelegramSim;
  database: TestDatabase;
  deps: SetupDeps;
  setupBot: SimUser;
  service: SetupBotService;
  /** What the setup bot announced to ingress and delivery, as "<connection> <change>". */
  announced: string[];
  /** The fake MTProto clients "Connect an account" made, newest last; `nextLogin` sets up the next. */
  loginClients: FakeLoginClient[];
  nextLogin: (client: FakeLoginClient) => void;
  chatOf(person: SimUser): SetupChat;
  close(): Promise<void>;
}

/** A simulator with the setup bot, a real database, and the setup bot's service polling it. */
export async function startSetupWorld(): Promise<SetupWorld> {
  const sim = await startTelegramSim({ limits: false });
  const database = await createTestDatabase();
  const setupToken = botToken(1_000_001);
  const setupBot = sim.createBot({ token: setupToken, username: "topicdesk_setup_bot" });
  const announced: string[] = [];
  const loginClients: FakeLoginClient[] = [];
  let next: FakeLoginClient | undefined;
  const deps: SetupDeps = {
    db: database.db,
    secretBox: createSecretBox("a test key that is long enough for hkdf ........"),
    telegramApiRoot: sim.apiRoot,
    log: createLogger({ service: "setup-bot-test", level: "silent" }),
    changes: { announce: async (id, change) => void announced.push(`${id} ${change}`) },
    accountLogin: {
      createClient: () => {
        const client = next ?? new FakeLoginClient();
        next = undefined;
        loginClients.push(client);
        return client;
      },
    },
  };
  const service = await startSetupBot(setupToken, deps);
  return {
    sim,
    database,
    deps,
    setupBot,
    service,
    announced,
    loginClients,
    nextLogin: (client) => {
      next = client;
    },
    chatOf: (person) => new SetupChat(sim, setupBot.id, person.id),
    async close() {
      await service.stop();
      await sim.close();
      await database.drop();
    },
  };
}

export { SetupChat };
