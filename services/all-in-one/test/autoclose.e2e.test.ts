import { DialogStatus } from "@topicdesk/contracts";
import { type Harness, startHarness } from "./support/e2e-harness.ts";

const HOUR = 3_600_000;

describe("AUTOCLOSE, with a controllable clock", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ params: { AUTOCLOSE: "2", WELCOME: "OFF" } });
  });
  afterAll(async () => {
    await harness?.stop();
  });

  const status = async () =>
    (
      await harness.database.db
        .selectFrom("dialogs")
        .select("status")
        .where("client_chat_id", "=", harness.client.id)
        .executeTakeFirstOrThrow()
    ).status;
  const sweep = () => harness.stack.router()?.sweepAutoClose() ?? Promise.resolve(0);

  test("a 🟨 dialog closes AUTOCLOSE hours after the last operator message, not before", async () => {
    harness.clientSays({ text: "question" });
    const topicId = await harness.topicOf();
    harness.operatorSays(topicId, { text: "answer" });
    await harness.waitFor(async () => (await status()) === DialogStatus.SupportAnswered, "🟨");

    harness.clock.now = new Date(harness.clock.now.getTime() + 2 * HOUR - 60_000);
    expect(await sweep()).toBe(0);
    expect(await status()).toBe(DialogStatus.SupportAnswered);

    harness.clock.now = new Date(harness.clock.now.getTime() + 2 * 60_000);
    expect(await sweep()).toBe(1);
    expect(await status()).toBe(DialogStatus.Closed);
    await harness.waitFor(() => {
      const topic = harness.sim.topics(harness.groupId).find((entry) => entry.threadId === topicId);
      return topic?.closed && topic.name.startsWith("⬛️");
    }, "the closed topic");
  });

  test("a 🟪 dialog (someone owes the client an answer) is never auto-closed", async () => {
    harness.clientSays({ text: "hello again" });
    await harness.waitFor(async () => (await status()) === DialogStatus.UserAnswered, "🟪");
    harness.clock.now = new Date(harness.clock.now.getTime() + 1000 * HOUR);
    expect(await sweep()).toBe(0);
    expect(await status()).toBe(DialogStatus.UserAnswered);
  });

  test("AUTOCLOSE 0 never closes", async () => {
    await harness.setParameter("AUTOCLOSE", "0");
    const topicId = await harness.topicOf();
    harness.operatorSays(topicId, { text: "answer two" });
    await harness.waitFor(async () => (await status()) === DialogStatus.SupportAnswered, "🟨");
    harness.clock.now = new Date(harness.clock.now.getTime() + 10_000 * HOUR);
    expect(await sweep()).toBe(0);
  });
});
