import { bodyOf, type Harness, startHarness } from "./support/e2e-harness.ts";

describe("failures are told to the team, never silent", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ params: { WELCOME: "OFF" } });
  });
  afterAll(async () => {
    await harness?.stop();
  });

  test("a deleted topic: the dialog continues in a new topic that says why", async () => {
    harness.clientSays({ text: "first" });
    const oldTopic = await harness.topicOf();
    await harness.waitFor(() => harness.topicMessages(oldTopic).length === 2, "card and first copy");
    harness.sim.deleteTopicAsUser(harness.groupId, oldTopic);
    harness.clientSays({ text: "second" });
    const newTopic = await harness.waitFor(async () => {
      const topic = await harness.topicOf();
      return topic !== oldTopic ? topic : undefined;
    }, "a new topic");
    const texts = await harness.waitFor(() => {
      const bodies = harness.topicMessages(newTopic).map(bodyOf);
      return bodies.includes("second") ? bodies : undefined;
    }, "the message in the new topic");
    expect(texts[0]).toContain("previous topic");
    expect(texts).toContain("second");
    const renewed = harness.sim.topics(harness.groupId).find((topic) => topic.threadId === newTopic);
    expect(renewed?.name).toBe(`🟪 Jane Doe · ${harness.client.id}`);
  });

  test("Telegram failing with 5xx for a while: the message is retried in place and arrives once", async () => {
    const topicId = await harness.topicOf();
    harness.sim.failNext("copyMessage", { errorCode: 502, count: 3 });
    harness.clientSays({ text: "through the outage" });
    harness.clientSays({ text: "after the outage" });
    await harness.waitFor(
      () => harness.topicMessages(topicId).some((message) => bodyOf(message) === "after the outage"),
      "both messages",
      20_000,
    );
    const bodies = harness.topicMessages(topicId).map(bodyOf);
    expect(bodies.filter((body) => body === "through the outage")).toHaveLength(1);
    expect(bodies.indexOf("through the outage")).toBeLessThan(bodies.indexOf("after the outage"));
  });

  test("a 429 pauses the destination for retry_after and the message still arrives, in order", async () => {
    const topicId = await harness.topicOf();
    harness.sim.failNext("copyMessage", { errorCode: 429, retryAfter: 1, count: 1 });
    harness.clientSays({ text: "rate limited" });
    harness.clientSays({ text: "behind it" });
    await harness.waitFor(
      () => harness.topicMessages(topicId).some((message) => bodyOf(message) === "behind it"),
      "both messages",
      20_000,
    );
    const bodies = harness.topicMessages(topicId).map(bodyOf);
    expect(bodies.indexOf("rate limited")).toBeLessThan(bodies.indexOf("behind it"));
    expect(bodies.filter((body) => body === "rate limited")).toHaveLength(1);
  });

  test("a message Telegram refuses for good is reported in the topic", async () => {
    const topicId = await harness.topicOf();
    harness.sim.failNext("copyMessage", {
      errorCode: 400,
      description: "Bad Request: message to copy not found",
      count: 1,
    });
    harness.clientSays({ text: "vanished" });
    const notice = await harness.waitFor(
      () =>
        harness.topicMessages(topicId).find((message) => bodyOf(message)?.startsWith("⚠️ A client message")),
      "the notice",
    );
    expect(bodyOf(notice)).toContain("deleted");
    await harness.waitFor(
      () =>
        harness
          .clientChat()
          .find((message) => bodyOf(message)?.includes("could not be delivered to the team")),
      "the client is told (SILENT_MODE off)",
    );
  });
});
