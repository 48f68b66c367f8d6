import { createLogger } from "@topicdesk/telemetry";
import { startStack } from "../src/stack.ts";
import { bodyOf, type Harness, startHarness } from "./support/e2e-harness.ts";

describe("nothing is lost and nothing is sent twice when services restart", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ params: { WELCOME: "OFF" } });
  });
  afterAll(async () => {
    await harness?.stop();
  });

  const clientTexts = () =>
    harness
      .topicMessages(topicId)
      .map(bodyOf)
      .filter((text): text is string => text?.startsWith("message ") === true);
  let topicId = 0;

  test("router and delivery stopped in the middle of a stream: every message arrives once, in order", async () => {
    harness.clientSays({ text: "message 0" });
    topicId = await harness.topicOf();
    for (let index = 1; index < 15; index += 1) harness.clientSays({ text: `message ${index}` });
    await harness.waitFor(() => clientTexts().length >= 5, "the first copies");

    await harness.stack.stopService("router");
    for (let index = 15; index < 30; index += 1) harness.clientSays({ text: `message ${index}` });
    await harness.stack.start("router");
    await harness.waitFor(() => clientTexts().length >= 20, "copies after the router restart");

    await harness.stack.stopService("delivery");
    for (let index = 30; index < 45; index += 1) harness.clientSays({ text: `message ${index}` });
    await harness.stack.start("delivery");

    const expected = Array.from({ length: 45 }, (_, index) => `message ${index}`);
    await harness.waitFor(() => clientTexts().length >= expected.length, "all 45 copies", 30_000);
    // Give a duplicate, if any, the time to show up before judging.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(clientTexts()).toEqual(expected);
  });

  test("operator replies keep their order across a delivery restart", async () => {
    for (let index = 0; index < 10; index += 1) harness.operatorSays(topicId, { text: `reply ${index}` });
    await harness.waitFor(
      () => harness.clientChat().some((message) => bodyOf(message) === "reply 2"),
      "first replies",
    );
    await harness.stack.stopService("delivery");
    for (let index = 10; index < 20; index += 1) harness.operatorSays(topicId, { text: `reply ${index}` });
    await harness.stack.start("delivery");
    const replies = () =>
      harness
        .clientChat()
        .map(bodyOf)
        .filter((text): text is string => text?.startsWith("reply ") === true);
    await harness.waitFor(() => replies().length >= 20, "all replies", 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(replies()).toEqual(Array.from({ length: 20 }, (_, index) => `reply ${index}`));
  });

  test("a delivery started on its own (a second stack with only delivery and its own connections) takes over the queues", async () => {
    await harness.stack.stopService("delivery");
    const deliveryOnly = await startStack({
      config: harness.config,
      log: createLogger({ service: "delivery-only", level: "silent" }),
      db: harness.database.db,
      ...harness.prefixes,
      services: ["delivery"],
    });
    try {
      expect(deliveryOnly.router()).toBeUndefined();
      expect(deliveryOnly.ingress()).toBeUndefined();
      harness.clientSays({ text: "message for the separate delivery" });
      await harness.waitFor(
        () =>
          harness
            .topicMessages(topicId)
            .some((message) => bodyOf(message) === "message for the separate delivery"),
        "the copy sent by the separate delivery",
      );
    } finally {
      await deliveryOnly.stop();
      await harness.stack.start("delivery");
    }
  });
});
