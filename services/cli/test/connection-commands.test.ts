import { randomBytes } from "node:crypto";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { loadConfig } from "@topicdesk/config";
import {
  type ConnectionChangeWatch,
  natsConnectionChanges,
  watchConnectionChanges,
} from "@topicdesk/connections";
import { ConnectionRepository, createSecretBox, createTestDatabase, type TestDatabase } from "@topicdesk/db";
import { createSupportDesk, startTelegramSim, type TelegramSim } from "@topicdesk/telegram-sim";
import { createLogger } from "@topicdesk/telemetry";
import { CliError } from "../src/cli-error.ts";
import { addConnection, removeConnection, setConnectionStatus } from "../src/commands/connection-commands.ts";

const TOKEN = "424242:cli-connections-abcdefghijklmnopqrstuvwxyz0";
const log = createLogger({ service: "cli-connection-commands-test", level: "silent" });
const box = createSecretBox("cli connection commands test key");

/**
 * `pnpm topicdesk connections add|pause|resume|remove` write the row, then announce the change the
 * way running ingress and delivery follow it (a watcher on the real NATS, under a test prefix).
 */
describe("connection commands announce their changes", () => {
  let database: TestDatabase;
  let sim: TelegramSim;
  let nc: NatsConnection;
  let watch: ConnectionChangeWatch;
  let groupId: number;
  const prefix = `cli${randomBytes(4).toString("hex")}`;
  const seen: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startTelegramSim({ limits: false });
    groupId = createSupportDesk(sim, {
      bot: { token: TOKEN, username: "cli_desk_bot" },
      operator: { firstName: "Olga" },
    }).groupId;
    nc = await connect({ servers: "nats://127.0.0.1:4222", name: "cli-connection-commands-test" });
    watch = watchConnectionChanges({
      nc,
      prefix,
      log,
      onChange: async (change) => void seen.push(`${change.connectionId} ${change.change}`),
      onResync: async () => undefined,
      resyncIntervalMs: 0,
    });
    await nc.flush();
  });
  afterAll(async () => {
    await watch.stop();
    await nc.close();
    await sim.close();
    await database.drop();
  });

  const config = () => loadConfig({ TELEGRAM_API_ROOT: sim.apiRoot });
  const changes = () => natsConnectionChanges(nc, { prefix, log });
  const until = async (count: number) => {
    for (let i = 0; i < 200 && seen.length < count; i += 1) await new Promise((r) => setTimeout(r, 20));
  };

  test("add, add again, pause, resume and remove are each announced after the write", async () => {
    const input = { id: "desk", token: TOKEN, backend: String(groupId) };
    await expect(addConnection(database.db, box, config(), changes(), input)).resolves.toContain(
      "Connection desk (@cli_desk_bot)",
    );
    await addConnection(database.db, box, config(), changes(), input);
    await setConnectionStatus(database.db, changes(), "desk", "paused");
    expect(await new ConnectionRepository(database.db).get("desk")).toMatchObject({ status: "paused" });
    await setConnectionStatus(database.db, changes(), "desk", "active");
    await removeConnection(database.db, changes(), "desk");
    await until(5);
    expect(seen).toEqual(["desk added", "desk changed", "desk paused", "desk resumed", "desk removed"]);
    expect(await new ConnectionRepository(database.db).get("desk")).toBeUndefined();
  });

  test("a refused write changes nothing and announces nothing", async () => {
    seen.length = 0;
    const refused = { id: "other", token: TOKEN, backend: "12345" };
    await expect(addConnection(database.db, box, config(), changes(), refused)).rejects.toBeInstanceOf(
      CliError,
    );
    await expect(setConnectionStatus(database.db, changes(), "nobody", "paused")).rejects.toBeInstanceOf(
      CliError,
    );
    // A hint sent after the refusals arrives alone: nothing was announced before it.
    await changes().announce("marker", "changed");
    await until(1);
    expect(seen).toEqual(["marker changed"]);
    expect(await new ConnectionRepository(database.db).get("other")).toBeUndefined();
  });
});
