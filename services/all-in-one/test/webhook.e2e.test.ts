import { bodyOf, type Harness, startHarness } from "./support/e2e-harness.ts";

describe("webhook mode: Telegram pushes updates to ingress", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ updates: "webhook", params: { WELCOME: "OFF" } });
  });
  afterAll(async () => {
    await harness?.stop();
  });

  test("start-up registers the webhook with a secret, and a client's message flows through it", async () => {
    const info = harness.sim.webhookInfo(harness.bot.id);
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/telegram\/main$/);
    expect(info.allowed_updates).toEqual(
      expect.arrayContaining(["message", "message_reaction", "my_chat_member"]),
    );
    harness.clientSays({ text: "via webhook" });
    const topicId = await harness.topicOf();
    await harness.waitFor(
      () => harness.topicMessages(topicId).some((m) => bodyOf(m) === "via webhook"),
      "the copy",
    );
  });

  test("a call without the secret is refused and nothing reaches the topic", async () => {
    const topicId = await harness.topicOf();
    const before = harness.topicMessages(topicId).length;
    const url = harness.sim.webhookInfo(harness.bot.id).url ?? "";
    const forged = {
      update_id: 999_999,
      message: {
        message_id: 1,
        date: 0,
        chat: { id: harness.client.id, type: "private" },
        from: { id: harness.client.id, is_bot: false, first_name: "Mallory" },
        text: "forged",
      },
    };
    const answers = await Promise.all([
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(forged),
      }),
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "guess" },
        body: JSON.stringify(forged),
      }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([401, 401]);
    harness.clientSays({ text: "marker" });
    await harness.waitFor(
      () => harness.topicMessages(topicId).some((m) => bodyOf(m) === "marker"),
      "the marker",
    );
    expect(harness.topicMessages(topicId).slice(before).map(bodyOf)).toEqual(["marker"]);
  });
});
