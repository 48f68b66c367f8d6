import { bodyOf, type Harness, startHarness } from "./support/e2e-harness.ts";

/**
 * Client-side deliveries have a lane per destination chat: Telegram holding back one client (a 429
 * with retry_after, or an account's FLOOD_WAIT) delays that client's answers only.
 */
describe("one lane per client chat", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness?.stop());

  test("a 429 for one client does not hold up the answer to another client of the same bot", async () => {
    const other = harness.sim.createUser({ firstName: "Omar", username: "omar" });
    harness.clientSays({ text: "hello from Jane" });
    harness.sim.sendAsUser(other.id, { botId: harness.bot.id }, { text: "hello from Omar" });
    const janeTopic = await harness.topicOf();
    const omarTopic = await harness.topicOf(other.id);
    const janeBefore = harness.clientChat().length;

    harness.sim.failNext("*", { errorCode: 429, retryAfter: 4, chatId: harness.client.id });
    harness.operatorSays(janeTopic, { text: "answer for Jane" });
    await harness.waitFor(() => harness.sim.stats().tooManyRequests > 0, "Jane's 429");
    harness.operatorSays(omarTopic, { text: "answer for Omar" });

    await harness.waitFor(
      () => harness.clientChat(other.id).some((message) => bodyOf(message) === "answer for Omar"),
      "Omar's answer",
    );
    // Omar was served while Jane's lane still waits out its retry_after.
    expect(harness.clientChat().slice(janeBefore).map(bodyOf)).not.toContain("answer for Jane");
    await harness.waitFor(
      () => harness.clientChat().some((message) => bodyOf(message) === "answer for Jane"),
      "Jane's answer after her retry_after",
    );
  });
});
