import type { Message } from "@grammyjs/types";
import { publishInbound } from "@topicdesk/bus";
import { natsConnectionChanges, setConnectionStatus } from "@topicdesk/connections";
import type { InboundEvent } from "@topicdesk/contracts";
import { ApiKeyRepository } from "@topicdesk/db";
import type { SimUser } from "@topicdesk/telegram-sim";
import { createLogger } from "@topicdesk/telemetry";
import { bodyOf, type Harness, startHarness } from "./support/e2e-harness.ts";

/**
 * The router caches a connection's row and parameters (services/router/src/cache). A change made
 * elsewhere must still count from the next event: the writers announce it on the bus. Without the
 * announcement the cache would serve the old value for seconds, and these tests would fail.
 */
describe("router cache follows changes made elsewhere", () => {
  let harness: Harness;
  let clients = 0;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  const newClient = (): SimUser => {
    clients += 1;
    return harness.sim.createUser({ firstName: `Cached${clients}`, username: `cached_${clients}` });
  };
  const welcomeOf = (client: SimUser) =>
    harness.waitFor(
      () => harness.clientChat(client.id).find((message) => message.from?.is_bot),
      `the welcome to ${client.first_name}`,
    );

  test("a WELCOME set through the HTTP API greets the very next client, without a restart", async () => {
    const first = newClient();
    harness.sim.sendAsUser(first.id, { botId: harness.bot.id }, { text: "hello" });
    // The default welcome: the router has now read (and cached) the parameters.
    expect(bodyOf(await welcomeOf(first))).toMatch(/^Hello, Cached1!/);

    const { key } = await new ApiKeyRepository(harness.database.db).issue({
      connectionId: "main",
      label: "e2e",
      scopes: ["admin"],
    });
    const response = await fetch(`${harness.stack.api()?.url}/v1/connections/main/parameters/WELCOME`, {
      method: "PUT",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ value: "Fresh welcome, {title}\\." }),
    });
    expect(response.status).toBe(200);

    const second = newClient();
    harness.sim.sendAsUser(second.id, { botId: harness.bot.id }, { text: "hello" });
    expect(bodyOf(await welcomeOf(second))).toBe("Fresh welcome, Cached2.");
  });

  test("a connection paused elsewhere stops routing at once; resumed, it routes again", async () => {
    const client = newClient();
    harness.sim.sendAsUser(client.id, { botId: harness.bot.id }, { text: "before the pause" });
    const topicId = await harness.topicOf(client.id);
    await harness.waitFor(() => topicTexts(topicId).includes("before the pause"), "the first copy");
    // From here on the test plays ingress itself, so the router gets events of a paused connection
    // (ingress stops polling a paused bot, which would hide what the router does).
    await harness.stack.stopService("ingress");
    const changes = natsConnectionChanges(harness.stack.bus.nc, {
      prefix: harness.stack.naming.prefix,
      log: createLogger({ service: "router-cache-e2e", level: "silent" }),
    });

    await setConnectionStatus(harness.database.db, changes, "main", "paused");
    const paused = harness.sim.sendAsUser(client.id, { botId: harness.bot.id }, { text: "while paused" });
    await routed(paused, client);
    await setConnectionStatus(harness.database.db, changes, "main", "active");
    const resumed = harness.sim.sendAsUser(client.id, { botId: harness.bot.id }, { text: "after resuming" });
    await routed(resumed, client);

    await harness.waitFor(() => topicTexts(topicId).includes("after resuming"), "the copy after resuming");
    expect(topicTexts(topicId)).not.toContain("while paused");
  });

  const topicTexts = (topicId: number) => harness.topicMessages(topicId).map(bodyOf);

  /** Publishes the sim's message as ingress would, and waits until the router has handled it. */
  async function routed(message: Message, client: SimUser): Promise<void> {
    const event: InboundEvent = {
      v: 1,
      id: `main:cache-test-${message.message_id}`,
      connectionId: "main",
      receivedAt: Date.now(),
      kind: "message",
      chat: { id: client.id, type: "private" },
      from: { id: client.id, isBot: false, firstName: client.first_name },
      message: {
        messageId: message.message_id,
        date: message.date,
        content: "text",
        text: message.text ?? "",
      },
    };
    await publishInbound(harness.stack.bus, harness.stack.naming, event, harness.config.partitions);
    await harness.waitFor(
      async () =>
        await harness.database.db
          .selectFrom("processed_events")
          .select("event_id")
          .where("event_id", "=", event.id)
          .executeTakeFirst(),
      `the router to handle ${event.id}`,
    );
  }
});
