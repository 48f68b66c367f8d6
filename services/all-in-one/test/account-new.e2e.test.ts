import { ConnectionRepository } from "@topicdesk/db";
import type { MtprotoService } from "@topicdesk/mtproto";
import type { SimUser } from "@topicdesk/telegram-sim";
import { bodyOf, type Harness, startHarness } from "./support/e2e-harness.ts";
import { startSessionService, stopHarnessAndSession } from "./support/mtproto-session.ts";
import { SimAccountWorld } from "./support/sim-account-client.ts";

/**
 * `/new` and role checks for an account connection, end to end: an account has no Bot API token, so
 * the router asks the account's own session (over NATS, read-only) who the caller is in the backend
 * group and who the user named in `/new` is. The backend group is shared with the harness's bot, so
 * commands name the account (`iacct`).
 */
describe("an account connection answers operators' commands through its session", () => {
  let harness: Harness;
  let world: SimAccountWorld;
  let mtproto: MtprotoService;
  let sam: SimUser;

  beforeAll(async () => {
    harness = await startHarness();
    const account = harness.sim.createUser({ firstName: "Sales", username: "sales_team" });
    harness.sim.addMember(harness.groupId, {
      userId: account.id,
      status: "administrator",
      canManageTopics: true,
    });
    // Someone who never wrote to the account: only a username lookup can find them.
    sam = harness.sim.createUser({ firstName: "Sam", lastName: "Stone", username: "sam_stone" });
    world = new SimAccountWorld(harness.sim, account, harness.groupId);
    await new ConnectionRepository(harness.database.db).create(
      { id: "acct", kind: "account", title: "Sales account", backend_chat_id: harness.groupId },
      harness.stack.secretBox,
    );
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

  /** What the account posted in the General topic (its answers to commands). */
  const accountAnswersInGeneral = () =>
    harness.sim
      .messages(harness.groupId)
      // A reply in General carries the root's id as message_thread_id, but is no topic message.
      .filter((message) => message.from?.id === world.account.id && message.is_topic_message !== true)
      .map(bodyOf);

  const answerContaining = (fragment: string) =>
    harness.waitFor(
      () => accountAnswersInGeneral().find((text) => text?.includes(fragment)),
      `the account's answer “${fragment}”`,
    );

  test("/new @username: the session resolves the user, a topic opens under their name, and the operator's message reaches them from the account", async () => {
    await world.operatorSaysInGeneral(harness.operator, "/new @sam_stone iacct");

    await answerContaining(`✅ Dialog opened with ${sam.id}`);
    const dialog = await harness.waitFor(
      () =>
        harness.database.db
          .selectFrom("dialogs")
          .select(["client_chat_id", "topic_id", "first_name", "username"])
          .where("connection_id", "=", "acct")
          .where("client_chat_id", "=", sam.id)
          .executeTakeFirst()
          .then((row) => (row?.topic_id ? row : undefined)),
      "the new dialog's topic",
    );
    expect(dialog).toMatchObject({ first_name: "Sam", username: "sam_stone" });
    const topic = harness.sim.topics(harness.groupId).find((entry) => entry.threadId === dialog.topic_id);
    expect(topic?.name).toContain("Sam Stone");

    await world.operatorSays(harness.operator, dialog.topic_id ?? 0, "Hi Sam, your order is ready.");
    await harness.waitFor(
      () =>
        world
          .privateChat(sam.id)
          .some((message) => message.out && message.text === "Hi Sam, your order is ready."),
      "the operator's first message in Sam's chat with the account",
    );
  });

  test("/new for a dialog that exists links its topic instead of opening a second one", async () => {
    await world.operatorSaysInGeneral(harness.operator, `/new ${sam.id} iacct`);
    await answerContaining(`There is already a dialog with ${sam.id}`);
    const dialogs = await harness.database.db
      .selectFrom("dialogs")
      .select("id")
      .where("connection_id", "=", "acct")
      .execute();
    expect(dialogs).toHaveLength(1);
  });

  test("an unknown username and an id the account never met are refused with what to do, and nothing opens", async () => {
    const stranger = harness.sim.createUser({ firstName: "Never", lastName: "Met" });
    await world.operatorSaysInGeneral(harness.operator, "/new @nobody_here iacct");
    await answerContaining("Telegram has no user @nobody_here");
    await world.operatorSaysInGeneral(harness.operator, `/new ${stranger.id} iacct`);
    await answerContaining(`The account cannot reach ${stranger.id}`);
    const dialogs = await harness.database.db
      .selectFrom("dialogs")
      .select("client_chat_id")
      .where("connection_id", "=", "acct")
      .execute();
    expect(dialogs).toEqual([{ client_chat_id: sam.id }]);
  });

  test("/help, like every command, is answered: the caller's role came from the session, not from a Bot API the account does not have", async () => {
    await world.operatorSays(
      harness.operator,
      (
        await harness.database.db
          .selectFrom("dialogs")
          .select("topic_id")
          .where("connection_id", "=", "acct")
          .executeTakeFirstOrThrow()
      ).topic_id ?? 0,
      "/help",
    );
    await harness.waitFor(
      () =>
        harness.sim
          .messages(harness.groupId)
          .some(
            (message) => message.from?.id === world.account.id && bodyOf(message)?.includes("/new USER_ID"),
          ),
      "the help text from the account",
    );
  });
});
