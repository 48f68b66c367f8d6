import { ConnectionRepository, ParameterRepository } from "@topicdesk/db";
import type { MtprotoService } from "@topicdesk/mtproto";
import type { SimUser } from "@topicdesk/telegram-sim";
import { bodyOf, type Harness, startHarness } from "./support/e2e-harness.ts";
import { startSessionService, stopHarnessAndSession } from "./support/mtproto-session.ts";
import { SimAccountWorld, type SimMonitoredChat } from "./support/sim-account-client.ts";

/**
 * Group monitoring through an account (reference §6): the account sits in a client's group chat,
 * MONITOR_GROUPS is on with a GROUPS_KEYWORDS filter. The group's messages reach the session as
 * real TL updates, go through JetStream and the router on real Postgres, and delivery posts through
 * the session into the simulator's backend group, and back into the group.
 */
describe("a group monitored through an account", () => {
  const partners: SimMonitoredChat = { id: -1002000000777, title: "Partners Chat", kind: "supergroup" };
  let harness: Harness;
  let world: SimAccountWorld;
  let mtproto: MtprotoService;
  let member: SimUser;

  beforeAll(async () => {
    harness = await startHarness();
    const account = harness.sim.createUser({ firstName: "Sales", username: "sales_team" });
    harness.sim.addMember(harness.groupId, {
      userId: account.id,
      status: "administrator",
      canManageTopics: true,
    });
    member = harness.sim.createUser({ firstName: "Max", lastName: "Partner", username: "max_partner" });
    world = new SimAccountWorld(harness.sim, account, harness.groupId);
    const db = harness.database.db;
    await new ConnectionRepository(db).create(
      { id: "acct", kind: "account", title: "Sales account", backend_chat_id: harness.groupId },
      harness.stack.secretBox,
    );
    const params = new ParameterRepository(db);
    await params.set("acct", "MONITOR_GROUPS", "TRUE");
    await params.set("acct", "GROUPS_KEYWORDS", '"invoice", ["order", "~delivered"]');
    mtproto = await startSessionService(harness, {
      connectionId: "acct",
      mode: "user",
      selfUserId: account.id,
      createClient: world.createClient,
    });
  });

  afterAll(async () => {
    await stopHarnessAndSession(harness, mtproto);
  });

  const groupDialogs = () =>
    harness.database.db
      .selectFrom("dialogs")
      .select(["client_chat_id", "chat_type", "title", "topic_id"])
      .where("connection_id", "=", "acct")
      .execute();

  test("a message without a keyword opens nothing; one with a keyword opens a topic named after the group; the operator's answer goes into the group", async () => {
    await world.memberWritesIn(partners, member, "Good morning everyone");
    await world.memberWritesIn(partners, member, "Our order was delivered, thanks");
    // One chat, one partition, handled in order: once this one is in the topic, the two above were decided.
    await world.memberWritesIn(partners, member, "Where is the invoice for March?");

    const dialog = await harness.waitFor(
      async () => (await groupDialogs()).find((row) => row.topic_id !== null),
      "the group's topic",
    );
    expect(dialog).toMatchObject({
      client_chat_id: partners.id,
      chat_type: "supergroup",
      title: "Partners Chat",
    });
    const threadId = dialog.topic_id ?? 0;
    const topic = harness.sim.topics(harness.groupId).find((entry) => entry.threadId === threadId);
    expect(topic?.name).toBe(`🟪 Partners Chat · ${partners.id}`);
    await harness.waitFor(
      () =>
        harness
          .topicMessages(threadId)
          .some((message) => bodyOf(message) === "Where is the invoice for March?"),
      "the matching message in the topic",
    );
    const texts = harness.topicMessages(threadId).map(bodyOf);
    expect(texts).not.toContain("Good morning everyone");
    expect(texts).not.toContain("Our order was delivered, thanks");
    expect(await groupDialogs()).toHaveLength(1);
    // No welcome is posted into a group unless WELCOME was set (spec decision 4).
    expect(world.privateChat(partners.id).filter((message) => message.out)).toEqual([]);

    await world.operatorSays(harness.operator, threadId, "Sent it again, please check your mail.");
    await harness.waitFor(
      () =>
        world
          .privateChat(partners.id)
          .some((message) => message.out && message.text === "Sent it again, please check your mail."),
      "the operator's answer in the group",
    );
  });

  test("while the topic is active, the group's messages flow without the keyword", async () => {
    const threadId = (await groupDialogs())[0]?.topic_id ?? 0;
    await world.memberWritesIn(partners, member, "Got it, thank you!");
    await harness.waitFor(
      () => harness.topicMessages(threadId).some((message) => bodyOf(message) === "Got it, thank you!"),
      "the follow-up in the topic",
    );
    // The account's own answer came back as an update of the group: it is not shown again.
    const answers = harness
      .topicMessages(threadId)
      .filter((message) => bodyOf(message) === "Sent it again, please check your mail.");
    expect(answers).toHaveLength(1);
  });
});
