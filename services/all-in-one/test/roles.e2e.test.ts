import type { DomainEvent } from "@topicdesk/contracts";
import type { SimUser } from "@topicdesk/telegram-sim";
import { bodyOf, type Harness, startHarness } from "./support/e2e-harness.ts";

/**
 * Roles end to end: the caller's status comes from Telegram (the simulator's getChatMember), and
 * module commands reach their services as `command.invoked` on NATS, only for allowed callers.
 */
describe("roles and command events", () => {
  let harness: Harness;
  let member: SimUser;
  let listed: SimUser;
  const invoked: DomainEvent[] = [];

  beforeAll(async () => {
    harness = await startHarness({ params: { CUSTOM_COMMANDS: "invoice" } });
    member = harness.sim.createUser({ firstName: "Max" });
    listed = harness.sim.createUser({ firstName: "Lena" });
    harness.sim.addMember(harness.groupId, { userId: member.id, status: "member" });
    harness.sim.addMember(harness.groupId, { userId: listed.id, status: "member" });
    await harness.setParameter("EXTENSIONS_ALLOWED", `${harness.operator.id},${listed.id}`);
    const subject = harness.stack.naming.domainEventSubject(harness.config.connectionId, "command.invoked");
    const subscription = harness.stack.bus.nc.subscribe(subject);
    void (async () => {
      for await (const message of subscription) invoked.push(message.json<DomainEvent>());
    })();
  }, 60_000);

  afterAll(async () => {
    await harness.stop();
  });

  const inGeneral = (user: SimUser, text: string) =>
    harness.sim.sendAsUser(user.id, { chatId: harness.groupId }, { text });
  const answerTo = (messageId: number) =>
    harness.waitFor(
      () =>
        harness.sim
          .messages(harness.groupId)
          .find(
            (message) =>
              message.reply_to_message?.message_id === messageId && message.from?.id === harness.bot.id,
          ),
      `the bot's answer to message ${messageId}`,
    );

  test("/export by a user in EXTENSIONS_ALLOWED is published once, with the caller and role", async () => {
    const command = inGeneral(listed, "/export label:vip");
    const event = await harness.waitFor(
      () => invoked.find((candidate) => candidate.command?.messageId === command.message_id),
      "command.invoked for /export",
    );
    expect(event.command).toEqual({
      name: "export",
      args: "label:vip",
      callerId: listed.id,
      callerRole: "extension",
      backendChatId: harness.groupId,
      messageId: command.message_id,
    });
  });

  test("/export by a plain member is refused in the group and never published", async () => {
    const command = inGeneral(member, "/export");
    const answer = await answerTo(command.message_id);
    expect(bodyOf(answer)).toBe("⛔ /export is for the administrator and the users in EXTENSIONS_ALLOWED.");
    expect(invoked.some((event) => event.command?.messageId === command.message_id)).toBe(false);
  });

  test("a custom command stays silent in the group and is published for its webhook", async () => {
    const command = inGeneral(member, "/invoice 42");
    const event = await harness.waitFor(
      () => invoked.find((candidate) => candidate.command?.messageId === command.message_id),
      "command.invoked for /invoice",
    );
    expect(event.command).toMatchObject({ name: "invoice", args: "42", callerRole: "operator" });
    // The refusal or hint would have come before the event was published; there is none.
    expect(
      harness.sim
        .messages(harness.groupId)
        .some((message) => message.reply_to_message?.message_id === command.message_id),
    ).toBe(false);
  });

  test("the group's owner is the administrator: /stats is published with the admin role", async () => {
    const command = inGeneral(harness.operator, "/stats 7d");
    const event = await harness.waitFor(
      () => invoked.find((candidate) => candidate.command?.messageId === command.message_id),
      "command.invoked for /stats",
    );
    expect(event.command).toMatchObject({ name: "stats", args: "7d", callerRole: "admin" });
  });
});
