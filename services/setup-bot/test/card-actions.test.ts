import { registerBotConnection } from "@topicdesk/connections";
import { ConnectionRepository, ParameterRepository } from "@topicdesk/db";
import type { SimUser } from "@topicdesk/telegram-sim";
import { botToken, type SetupChat, type SetupWorld, startSetupWorld } from "./setup-chat.ts";

/** The connection card's "Backend group" check and "Delete", as the administrator uses them. */
describe("a connection's card in the setup bot", () => {
  let world: SetupWorld;
  let alice: SimUser;
  let desk: SimUser;
  let chat: SetupChat;
  let groupId: number;
  const deskToken = botToken(6_000_006);
  const allRights = {
    canManageTopics: true,
    canDeleteMessages: true,
    canPinMessages: true,
    canRestrictMembers: true,
  };

  beforeAll(async () => {
    world = await startSetupWorld();
    alice = world.sim.createUser({ firstName: "Alice" });
    desk = world.sim.createBot({ token: deskToken, username: "card_desk_bot" });
    ({ chatId: groupId } = world.sim.createForumGroup({
      title: "Card team",
      members: [
        { userId: alice.id, status: "creator" },
        { userId: desk.id, status: "administrator", ...allRights },
      ],
    }));
    await registerBotConnection(world.database.db, world.deps.secretBox, {
      id: "card-desk",
      token: deskToken,
      backendChatId: groupId,
      telegramApiRoot: world.sim.apiRoot,
      adminUserId: alice.id,
    });
    chat = world.chatOf(alice);
  });
  afterAll(async () => {
    await world.close();
  });

  test("Backend group names a right taken away since, and Check again confirms the fix", async () => {
    world.sim.setMemberStatus(groupId, desk.id, "administrator", { ...allRights, canPinMessages: false });
    chat.say("/connection card-desk");
    await chat.reply(/connection “card-desk”/);
    chat.press("Backend group");
    const problems = await chat.reply(/is not ready yet/);
    expect(problems.text).toContain("“Pin messages”");
    expect(problems.text).not.toContain("Ban users");

    chat.press("Check again");
    await chat.reply(/is not ready yet[\s\S]*“Pin messages”/);

    world.sim.setMemberStatus(groupId, desk.id, "administrator", allRights);
    chat.press("Check again");
    await chat.reply(/✅ The group “Card team” \(-?\d+\) is ready/);
  });

  test("Delete asks first; No keeps the connection", async () => {
    chat.say("/connection card-desk");
    await chat.reply(/Status: active/);
    chat.press("🗑 Delete");
    await chat.reply(/Delete “card-desk” with its dialogs and parameters\?/);
    chat.press("No");
    await chat.reply(/connection “card-desk”\nStatus: active/);
    expect(await new ConnectionRepository(world.database.db).get("card-desk")).toBeDefined();
    expect(world.announced).toEqual([]);
  });

  test("Delete, confirmed, removes the connection with its parameters and tells ingress", async () => {
    await new ParameterRepository(world.database.db).set("card-desk", "AUTOCLOSE", "12", alice.id);
    chat.say("/connection card-desk");
    await chat.reply(/Status: active/);
    chat.press("🗑 Delete");
    await chat.reply(/Delete “card-desk”/);
    chat.press("Yes, delete");
    const done = await chat.reply(/“card-desk” is deleted/);
    expect(done.text).toContain("Welcome to Topicdesk setup");
    expect(await new ConnectionRepository(world.database.db).get("card-desk")).toBeUndefined();
    expect(await new ParameterRepository(world.database.db).listRaw("card-desk")).toEqual({});
    expect(world.announced).toEqual(["card-desk removed"]);

    chat.say("/connection card-desk");
    await chat.reply(/There is no connection “card-desk”/);
  });
});
