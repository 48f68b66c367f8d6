import { ApiKeyRepository, ConnectionRepository, ParameterRepository } from "@topicdesk/db";
import type { SimUser } from "@topicdesk/telegram-sim";
import { botToken, type SetupChat, type SetupWorld, startSetupWorld } from "./setup-chat.ts";

describe("connecting a bot and configuring it in the setup bot", () => {
  let world: SetupWorld;
  let alice: SimUser;
  let chat: SetupChat;
  const acmeToken = botToken(2_000_002);

  beforeAll(async () => {
    world = await startSetupWorld();
    alice = world.sim.createUser({ firstName: "Alice", username: "alice_admin" });
    chat = world.chatOf(alice);
  });
  afterAll(async () => {
    await world.close();
  });

  test("a person connects a bot, fixes the group the bot points out, and sets a parameter", async () => {
    const acme = world.sim.createBot({ token: acmeToken, username: "acme_support_bot" });
    // Topics off and the bot without Pin and Ban rights: the bot must name all three problems.
    const { chatId: groupId } = world.sim.createForumGroup({
      title: "Acme support",
      isForum: false,
      members: [
        { userId: alice.id, status: "creator" },
        {
          userId: acme.id,
          status: "administrator",
          canManageTopics: true,
          canDeleteMessages: true,
          canPinMessages: false,
        },
      ],
    });

    chat.say("/start");
    await chat.reply(/Connect a bot/);
    chat.press("➕ Connect a bot");
    await chat.reply(/Send me your bot's token/);

    chat.say("hello");
    await chat.reply(/That is not a bot token/);
    chat.say(botToken(3_000_003));
    await chat.reply(/Telegram does not accept this token/);

    const tokenMessage = chat.say(acmeToken);
    await chat.reply(/@acme_support_bot checked ✅/);
    expect(
      world.sim.message(alice.id, tokenMessage.message_id, { botId: world.setupBot.id }),
    ).toBeUndefined();

    await chat.reply(/Now the backend group/);
    chat.shareGroup(groupId);
    const problems = await chat.reply(/is not ready yet/);
    expect(problems.text).toContain("Topics enabled");
    expect(problems.text).toContain("“Pin messages”");
    expect(problems.text).toContain("“Ban users”");
    expect(problems.text).not.toContain("Manage topics");

    world.sim.setForumMode(groupId, true);
    world.sim.setMemberStatus(groupId, acme.id, "administrator", {
      canManageTopics: true,
      canDeleteMessages: true,
      canPinMessages: true,
      canRestrictMembers: true,
    });
    chat.press("Check again");
    await chat.reply(/“Acme support” .* is ready/);
    await chat.reply(/@acme_support_bot is connected \(connection “acme-support-bot”\)/);

    const repository = new ConnectionRepository(world.database.db);
    const connection = await repository.get("acme-support-bot");
    expect(connection).toMatchObject({
      kind: "bot",
      backend_chat_id: groupId,
      admin_user_id: alice.id,
      bot_user_id: acme.id,
    });
    expect(connection?.token_encrypted).not.toContain(acmeToken);
    expect(connection && repository.revealToken(connection, world.deps.secretBox)).toBe(acmeToken);
    expect(world.announced).toEqual(["acme-support-bot added"]);

    chat.press("Parameters");
    await chat.reply(/Parameters of “acme-support-bot”/);
    chat.press("AUTOCLOSE");
    await chat.reply(/AUTOCLOSE \(also AUTO_CLOSE\)[\s\S]*Now: 48 \(default\)/);
    chat.say("soon");
    await chat.reply(/AUTOCLOSE expects a whole number of hours.*got "soon"/);
    chat.say("168");
    await chat.reply(/✅ AUTOCLOSE = 168/);
    expect(await new ParameterRepository(world.database.db).listRaw("acme-support-bot")).toEqual({
      AUTOCLOSE: "168",
    });

    // The token was read, never repeated.
    expect(chat.botMessages().some((message) => message.text?.includes(acmeToken.split(":")[1] ?? "?"))).toBe(
      false,
    );
  });

  test("the connection card lists it, and pausing it stops relaying", async () => {
    chat.say("/start");
    await chat.reply(/Your connections/);
    chat.press(/acme-support-bot/);
    await chat.reply(/connection “acme-support-bot”\nStatus: active/);
    chat.press("⏸ Pause");
    await chat.reply(/Paused/);
    await chat.reply(/Status: paused/);
    expect((await new ConnectionRepository(world.database.db).get("acme-support-bot"))?.status).toBe(
      "paused",
    );
    chat.press("▶️ Resume");
    await chat.reply(/Status: active/);
    expect(world.announced.slice(-2)).toEqual(["acme-support-bot paused", "acme-support-bot resumed"]);
  });

  test("the operators screen shows EXTENSIONS_ALLOWED and leads to changing it", async () => {
    chat.say("/connection acme-support-bot");
    await chat.reply(/Status: active/);
    chat.press("Operators");
    await chat.reply(/EXTENSIONS_ALLOWED: nobody besides you/);
    chat.press("Change EXTENSIONS_ALLOWED");
    await chat.reply(/EXTENSIONS_ALLOWED\n/);
    chat.say("12, abc");
    await chat.reply(/EXTENSIONS_ALLOWED expects/);
    chat.say("5100000999, 5100000998");
    await chat.reply(/✅ EXTENSIONS_ALLOWED = 5100000999, 5100000998/);
  });

  test("API keys are issued once, stored hashed, and revoked from the card", async () => {
    chat.say("/connection acme-support-bot");
    await chat.reply(/Status: active/);
    chat.press("API keys");
    await chat.reply(/API keys of “acme-support-bot”[\s\S]*none yet/);
    chat.press("➕ write key");
    await chat.reply(/New write key #\d+ .* not shown again/);
    const key = (await chat.reply(/^tdk_/)).text ?? "";
    const keys = new ApiKeyRepository(world.database.db);
    const row = await keys.findActive(key);
    expect(row).toMatchObject({ connection_id: "acme-support-bot", scopes: ["write"] });
    expect(row?.key_hash).not.toContain(key);
    await chat.reply(/#\d+ tdk_/);
    chat.press(`Revoke #${row?.id}`);
    await chat.reply(/is revoked/);
    expect(await keys.findActive(key)).toBeUndefined();
  });

  test("a token of a bot that is already connected is refused", async () => {
    chat.say("/start");
    await chat.reply(/Your connections/);
    chat.press("➕ Connect a bot");
    await chat.reply(/Send me your bot's token/);
    chat.say(acmeToken);
    await chat.reply(/@acme_support_bot is already connected to Topicdesk/);
    chat.say("/cancel");
    await chat.reply(/Cancelled\. Nothing was connected/);
  });
});
