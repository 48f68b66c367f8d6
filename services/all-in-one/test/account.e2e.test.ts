import type { DomainEvent } from "@topicdesk/contracts";
import { ConnectionRepository, MtprotoSessionRepository, ParameterRepository } from "@topicdesk/db";
import { type MtprotoService, startMtprotoService } from "@topicdesk/mtproto";
import { connectRedis, createDeliveryQueues, loadBlob, storeBlob } from "@topicdesk/queue";
import { createLogger } from "@topicdesk/telemetry";
import type { Redis } from "ioredis";
import { bodyOf, type Harness, startHarness } from "./support/e2e-harness.ts";
import { stopHarnessAndSession } from "./support/mtproto-session.ts";
import { SimAccountWorld } from "./support/sim-account-client.ts";

/**
 * An account connection end to end: the account's session (a fake client over the simulator, real
 * TL updates) publishes to the real JetStream, the router decides on real Postgres, delivery sends
 * through the session over NATS request/reply, and the backend group is the simulator's.
 */
describe("an account connection", () => {
  let harness: Harness;
  let world: SimAccountWorld;
  let mtproto: MtprotoService;
  let redis: Redis;

  const startSessions = () =>
    startMtprotoService({
      db: harness.database.db,
      bus: harness.stack.bus,
      naming: harness.stack.naming,
      secretBox: harness.stack.secretBox,
      partitions: harness.config.partitions,
      log: createLogger({ service: "account-e2e", level: "silent" }),
      createClient: world.createClient,
      loadBlob: (key) => loadBlob(redis, harness.prefixes.queuePrefix, key),
      leaseTtlMs: 1_500,
      scanIntervalMs: 200,
    });

  beforeAll(async () => {
    harness = await startHarness();
    redis = connectRedis(harness.config.redisUrl);
    const account = harness.sim.createUser({ firstName: "Sales", username: "sales_team" });
    harness.sim.addMember(harness.groupId, {
      userId: account.id,
      status: "administrator",
      canManageTopics: true,
    });
    world = new SimAccountWorld(harness.sim, account, harness.groupId);
    await new ConnectionRepository(harness.database.db).create(
      { id: "acct", kind: "account", title: "Sales account", backend_chat_id: harness.groupId },
      harness.stack.secretBox,
    );
    const sessions = new MtprotoSessionRepository(harness.database.db);
    await sessions.ensure("acct", "user");
    await sessions.markAuthorized("acct", account.id);
    // A formatted welcome (MarkdownV2, as the Bot API takes it) must reach the client formatted.
    await new ParameterRepository(harness.database.db).set("acct", "WELCOME", "*Welcome*, {title}\\!");
    mtproto = await startSessions();
  });

  afterAll(async () => {
    await stopHarnessAndSession(harness, mtproto);
    redis.disconnect();
  });

  /** Client-chat message ids of every `message.intercepted` event published so far. */
  const interceptedIds = async () => {
    const { jsm } = harness.stack.bus;
    const stream = harness.stack.naming.eventsStream;
    const { state } = await jsm.streams.info(stream);
    const ids: number[] = [];
    for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq += 1) {
      const event = (await jsm.streams.getMessage(stream, { seq }).catch(() => null))?.json<DomainEvent>();
      if (event?.kind === "message.intercepted" && event.connectionId === "acct")
        ids.push(...(event.messageIds ?? []));
    }
    return ids;
  };
  const topicTexts = (threadId: number) => harness.topicMessages(threadId).map(bodyOf);
  const accountTopic = () =>
    harness.waitFor(async () => {
      const row = await harness.database.db
        .selectFrom("dialogs")
        .select("topic_id")
        .where("connection_id", "=", "acct")
        .executeTakeFirst();
      return row?.topic_id ?? undefined;
    }, "the account dialog's topic");

  test("a client's message to the account opens a topic the account posts in, and the operator's answer reaches the client from the account", async () => {
    await world.clientWrites(harness.client, "Hello, do you ship to Norway?");
    const threadId = await accountTopic();
    await harness.waitFor(
      () => topicTexts(threadId).includes("Hello, do you ship to Norway?"),
      "the client's message in the topic",
    );
    // The account itself posted the copy (accounts copy natively; no bot involved).
    const copy = harness
      .topicMessages(threadId)
      .find((message) => bodyOf(message) === "Hello, do you ship to Norway?");
    expect(copy?.from?.id).toBe(world.account.id);

    await world.operatorSays(harness.operator, threadId, "Yes, in 3 days.");
    await harness.waitFor(
      () =>
        world
          .privateChat(harness.client.id)
          .some((message) => message.out && message.text === "Yes, in 3 days."),
      "the answer in the client's chat",
    );
    // Our own send came back as an outgoing update: it was not mirrored into the topic.
    expect(topicTexts(threadId).filter((text) => text === "Yes, in 3 days.")).toHaveLength(1);
  });

  test("a message the account writes from its phone shows in the topic as intercepted, and never goes back to the client", async () => {
    const threadId = await accountTopic();
    await world.accountWritesFromPhone(harness.client.id, "Calling you in five minutes.");
    await harness.waitFor(
      () => topicTexts(threadId).includes("Calling you in five minutes."),
      "the intercepted message in the topic",
    );
    const chat = world
      .privateChat(harness.client.id)
      .filter((message) => message.text === "Calling you in five minutes.");
    expect(chat).toHaveLength(1);
    // Forwarded, not copied: the topic shows the account wrote it, unlike the client's copies.
    const inTopic = harness
      .topicMessages(threadId)
      .filter((message) => bodyOf(message) === "Calling you in five minutes.");
    expect(inTopic.map((message) => world.forwardedIntoGroup.has(message.message_id))).toEqual([true]);
    const clientCopy = harness
      .topicMessages(threadId)
      .find((message) => bodyOf(message) === "Hello, do you ship to Norway?");
    expect(world.forwardedIntoGroup.has(clientCopy?.message_id ?? 0)).toBe(false);
    const events = await harness.database.db
      .selectFrom("message_links")
      .select(["direction", "client_message_id"])
      .where("client_message_id", "=", chat[0]?.id ?? 0)
      .execute();
    expect(events).toEqual([{ direction: "inbound", client_message_id: chat[0]?.id }]);
    expect(await interceptedIds()).toEqual([chat[0]?.id]);
  });

  test("after a restart, a replay of our own answer is not shown in the topic again", async () => {
    const threadId = await accountTopic();
    const ourAnswer = world
      .privateChat(harness.client.id)
      .find((message) => message.out && message.text === "Yes, in 3 days.");
    await mtproto.stop();
    mtproto = await startSessions();
    await harness.waitFor(() => mtproto.running().includes("acct"), "the session running again");
    await world.redeliver(harness.client.id, ourAnswer?.id ?? 0);
    // A later message of the same chat (same partition, handled in order) marks that the replay was decided.
    await world.accountWritesFromPhone(harness.client.id, "See you tomorrow.");
    await harness.waitFor(
      () => topicTexts(threadId).includes("See you tomorrow."),
      "the later intercepted message",
    );
    expect(topicTexts(threadId).filter((text) => text === "Yes, in 3 days.")).toHaveLength(1);
    const later = world
      .privateChat(harness.client.id)
      .find((message) => message.text === "See you tomorrow.");
    const intercepted = await harness.waitFor(
      async () => ((await interceptedIds()).includes(later?.id ?? 0) ? interceptedIds() : undefined),
      "the later message's intercepted event",
    );
    expect(intercepted).not.toContain(ourAnswer?.id);
  });

  test("our MarkdownV2 welcome reaches the client with its entities, and its echo replayed after a restart is not intercepted", async () => {
    const threadId = await accountTopic();
    const welcome = world
      .privateChat(harness.client.id)
      .find((message) => message.out && message.text.startsWith("Welcome"));
    expect(welcome?.text).toMatch(/^Welcome, .+!$/);
    expect(welcome?.entities).toEqual([{ type: "bold", offset: 0, length: 7 }]);
    // The session restarts between the send and the echo: only Postgres remembers it was ours.
    await mtproto.stop();
    mtproto = await startSessions();
    await harness.waitFor(() => mtproto.running().includes("acct"), "the session running again");
    await world.redeliver(harness.client.id, welcome?.id ?? 0);
    await world.accountWritesFromPhone(harness.client.id, "Back in a minute.");
    await harness.waitFor(
      () => topicTexts(threadId).includes("Back in a minute."),
      "the later intercepted message",
    );
    expect(topicTexts(threadId).filter((text) => text?.startsWith("Welcome"))).toEqual([]);
    const later = world
      .privateChat(harness.client.id)
      .find((message) => message.text === "Back in a minute.");
    const intercepted = await harness.waitFor(
      async () => ((await interceptedIds()).includes(later?.id ?? 0) ? interceptedIds() : undefined),
      "the later message's intercepted event",
    );
    expect(intercepted).not.toContain(welcome?.id);
  });

  test("a file sent through the account's session arrives in the topic, uploaded by the account", async () => {
    const threadId = await accountTopic();
    const dialog = await harness.database.db
      .selectFrom("dialogs")
      .select("id")
      .where("connection_id", "=", "acct")
      .executeTakeFirstOrThrow();
    const bytes = new TextEncoder().encode("id,name\n1,Jane\n");
    const key = await storeBlob(redis, harness.prefixes.queuePrefix, bytes, 600);
    const queues = createDeliveryQueues({ redis, prefix: harness.prefixes.queuePrefix });
    await queues.enqueue(
      { kind: "group", chatId: harness.groupId },
      {
        v: 1,
        id: "acct-export-1",
        connectionId: "acct",
        type: "file.send",
        dialogId: dialog.id,
        target: { kind: "topic" },
        file: { kind: "blob", key, fileName: "export.csv", contentType: "text/csv" },
        as: "document",
        caption: "*Export*",
        parseMode: "MarkdownV2",
      },
    );
    await queues.close();
    const sent = await harness.waitFor(
      () => harness.topicMessages(threadId).find((message) => message.document?.file_name === "export.csv"),
      "the export in the topic",
    );
    expect(sent.from?.id).toBe(world.account.id);
    expect(sent.caption).toBe("Export");
    expect(sent.caption_entities).toEqual([{ type: "bold", offset: 0, length: 6 }]);
  });
});
