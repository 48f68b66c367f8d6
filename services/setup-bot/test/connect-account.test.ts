import { ConnectionRepository, MtprotoSessionRepository } from "@topicdesk/db";
import { FakeLoginClient, rpcError } from "@topicdesk/mtproto-login/testing";
import type { SimUser } from "@topicdesk/telegram-sim";
import type { SetupChat, SetupWorld } from "./setup-chat.ts";
import { startSetupWorld } from "./setup-chat.ts";

/** "Connect an account": phone login through the setup bot, against the login library's fake Telegram. */
describe("connecting an account by phone in the setup bot", () => {
  let world: SetupWorld;
  let alice: SimUser;
  let chat: SetupChat;
  const groupId = -1001234567890;

  beforeAll(async () => {
    world = await startSetupWorld();
    alice = world.sim.createUser({ firstName: "Alice" });
    chat = world.chatOf(alice);
  });
  afterAll(async () => {
    await world.close();
  });

  const connectionIds = async () =>
    (await new ConnectionRepository(world.database.db).list()).map((row) => row.id);

  async function startUntilPhone(): Promise<void> {
    chat.say("/start");
    await chat.reply(/Welcome|Your connections/);
    chat.press("➕ Connect an account");
    await chat.reply(/First the backend group/);
    chat.say(String(groupId));
    await chat.reply(/Now the account's phone number/);
  }

  test("phone, a mistyped code, the code, a wrong password, the password: connected, secrets deleted", async () => {
    const telegram = new FakeLoginClient();
    telegram.password = "correct horse";
    world.nextLogin(telegram);
    await startUntilPhone();
    chat.say("+49 151 1234 5678");
    await chat.reply(/Telegram sent a 5-digit code \(in the Telegram app of the account\)/);

    const mistyped = chat.say("1 1 1 1 1");
    await chat.reply(/The code is wrong\. Check it and enter it again\. Send it again/);
    const code = chat.say("1 2 3 4 5");
    await chat.reply(/two-step verification \(hint: our cat\)/);
    const wrongPassword = chat.say("battery staple");
    await chat.reply(/The two-step verification password is wrong/);
    const password = chat.say("correct horse");
    await chat.reply(/🎉 Sales Team is connected \(connection “account”\)/);

    for (const secret of [mistyped, code, wrongPassword, password]) {
      expect(world.sim.message(alice.id, secret.message_id, { botId: world.setupBot.id })).toBeUndefined();
    }
    expect(chat.botMessages().some((message) => message.text?.includes("correct horse"))).toBe(false);
    expect(await new ConnectionRepository(world.database.db).get("account")).toMatchObject({
      kind: "account",
      backend_chat_id: groupId,
      admin_user_id: alice.id,
      token_encrypted: null,
    });
    expect(await new MtprotoSessionRepository(world.database.db).get("account")).toMatchObject({
      mode: "user",
      authorized: true,
      self_user_id: 5001,
    });
    expect(telegram.closed).toBe(true);
    expect(world.announced).toEqual(["account added"]);
  });

  test("a flood wait names its seconds and leaves nothing behind; the phone may be sent again", async () => {
    const telegram = new FakeLoginClient();
    telegram.failures.push(rpcError(420, "FLOOD_WAIT_73"));
    world.nextLogin(telegram);
    await startUntilPhone();
    chat.say("+4915112345678");
    await chat.reply(/Telegram asks to wait 73 seconds before the next attempt\. Send it again/);
    expect(await connectionIds()).toEqual(["account"]);
    expect(telegram.closed).toBe(true);

    chat.say("call me maybe");
    await chat.reply(/That is not a phone number/);
    chat.say("/cancel");
    await chat.reply(/Cancelled\. Nothing was connected/);
  });

  test("an expired code asks for the phone number again, and a new code then works", async () => {
    const first = new FakeLoginClient();
    world.nextLogin(first);
    await startUntilPhone();
    chat.say("+4915112345678");
    await chat.reply(/Telegram sent a 5-digit code/);
    expect(await connectionIds()).toEqual(["account", "account-2"]);
    first.failures.push(rpcError(400, "PHONE_CODE_EXPIRED"));
    chat.say("1 2 3 4 5");
    await chat.reply(/The code has expired\.[\s\S]*Now the account's phone number/);
    expect(await connectionIds()).toEqual(["account"]);

    chat.say("+4915112345678");
    await chat.reply(/Telegram sent a 5-digit code/);
    chat.say("12 345");
    await chat.reply(/is connected \(connection “account-2”\)/);
    expect(world.announced).toEqual(["account added", "account-2 added"]);
  });

  test("cancelling while the code is asked for removes the half-made connection", async () => {
    await startUntilPhone();
    chat.say("+4915112345678");
    await chat.reply(/Telegram sent a 5-digit code/);
    expect(await connectionIds()).toHaveLength(3);
    chat.press("Cancel");
    await chat.reply(/Cancelled\. Nothing was connected/);
    expect(await connectionIds()).toEqual(["account", "account-2"]);
    expect(world.loginClients.at(-1)?.closed).toBe(true);
  });
});
