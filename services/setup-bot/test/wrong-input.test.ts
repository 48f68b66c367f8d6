import { registerBotConnection } from "@topicdesk/connections";
import { ConnectionRepository, ParameterRepository } from "@topicdesk/db";
import type { SimUser } from "@topicdesk/telegram-sim";
import { botToken, type SetupWorld, startSetupWorld } from "./setup-chat.ts";

/** Every wrong input gets a sentence saying what is wrong, and changes nothing. */
describe("wrong input in the setup bot", () => {
  let world: SetupWorld;
  let alice: SimUser;
  let bob: SimUser;
  let groupId: number;
  const deskToken = botToken(4_000_004);
  const bobsToken = botToken(5_000_005);

  beforeAll(async () => {
    world = await startSetupWorld();
    alice = world.sim.createUser({ firstName: "Alice" });
    bob = world.sim.createUser({ firstName: "Bob" });
    const desk = world.sim.createBot({ token: deskToken, username: "desk_bot" });
    const bobsBot = world.sim.createBot({ token: bobsToken, username: "bobs_bot" });
    const rights = { canManageTopics: true, canDeleteMessages: true, canRestrictMembers: true };
    ({ chatId: groupId } = world.sim.createForumGroup({
      title: "Alice's team",
      members: [
        { userId: alice.id, status: "creator" },
        { userId: bob.id, status: "member" },
        { userId: desk.id, status: "administrator", ...rights },
        { userId: bobsBot.id, status: "administrator", ...rights },
      ],
    }));
    await registerBotConnection(world.database.db, world.deps.secretBox, {
      id: "alices-desk",
      token: deskToken,
      backendChatId: groupId,
      telegramApiRoot: world.sim.apiRoot,
      adminUserId: alice.id,
    });
  });
  afterAll(async () => {
    await world.close();
  });

  test("someone else's connection is refused and not listed", async () => {
    const chat = world.chatOf(bob);
    chat.say("/connection alices-desk");
    await chat.reply(/Only the administrator who connected “alices-desk” can change it/);
    chat.say("/connection nope");
    await chat.reply(/There is no connection “nope”/);
    chat.say("/start");
    const menu = await chat.reply(/Welcome to Topicdesk setup/);
    expect(JSON.stringify(menu.reply_markup)).not.toContain("alices-desk");
  });

  test("a group the bot cannot see, and a group the person does not run, are explained", async () => {
    const chat = world.chatOf(bob);
    chat.say("/start");
    await chat.reply(/Welcome/);
    chat.press("➕ Connect a bot");
    await chat.reply(/Send me your bot's token/);
    chat.say(bobsToken);
    await chat.reply(/@bobs_bot checked ✅/);
    await chat.reply(/Now the backend group/);

    chat.say("next week");
    await chat.reply(/That is not a group id/);
    chat.say("-1009999999999");
    await chat.reply(
      /The bot cannot see the group -1009999999999: add the bot to the group as an administrator/,
    );
    chat.shareGroup(groupId);
    const notYours = await chat.reply(/is not ready yet/);
    expect(notYours.text).toContain("You must be the owner or an administrator of this group");

    chat.press("Cancel");
    await chat.reply(/Cancelled\. Nothing was connected/);
    const bots = (await new ConnectionRepository(world.database.db).list()).map((row) => row.id);
    expect(bots).toEqual(["alices-desk"]);
    expect(world.announced).toEqual([]);
  });

  test("a bad parameter value is explained and the stored value stays", async () => {
    const chat = world.chatOf(alice);
    chat.say("/connection alices-desk");
    await chat.reply(/Status: active/);
    chat.press("Parameters");
    await chat.reply(/Parameters of/);
    chat.press("ICON_COLOR");
    await chat.reply(/ICON_COLOR/);
    chat.say("purple-ish");
    await chat.reply(/ICON_COLOR expects .*got "purple-ish"/);
    chat.press("Cancel");
    await chat.reply(/ICON_COLOR unchanged/);
    expect(await new ParameterRepository(world.database.db).listRaw("alices-desk")).toEqual({});
  });

  test("a button of a finished question changes nothing", async () => {
    const chat = world.chatOf(alice);
    chat.press("Reset to default");
    await world.sim.waitFor(() => world.sim.pendingUpdates(world.setupBot.id).length === 0);
    expect(await new ParameterRepository(world.database.db).listRaw("alices-desk")).toEqual({});
  });
});
