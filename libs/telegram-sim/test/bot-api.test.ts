import { Api } from "grammy";
import { apiError, BOT_TOKEN, startWorld, type World } from "./support.ts";

describe("Bot API basics", () => {
  let w: World;
  beforeEach(async () => {
    w = await startWorld();
  });
  afterEach(async () => {
    await w.sim.close();
  });

  test("getMe answers the bot, with its id taken from the token", async () => {
    const me = await w.api.getMe();
    expect(me).toMatchObject({ id: 987654321, is_bot: true, username: "desk_bot", first_name: "Desk" });
    expect(me.id).toBe(w.bot.id);
  });

  test("an unknown token gets 401 Unauthorized and an unknown method 404 Not Found", async () => {
    const error = await apiError(new Api("1:nope", { apiRoot: w.sim.apiRoot }).getMe());
    expect(error.error_code).toBe(401);
    expect(error.description).toBe("Unauthorized");

    const response = await fetch(`${w.sim.apiRoot}/bot${BOT_TOKEN}/sendTelepathy`, { method: "POST" });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ ok: false, error_code: 404, description: "Not Found" });
  });

  test("GET with a query string, form bodies and any method-name case are accepted", async () => {
    w.sim.sendAsUser(w.client.id, { botId: w.bot.id }, { text: "hi" });
    const viaGet = await fetch(
      `${w.sim.apiRoot}/bot${BOT_TOKEN}/SENDMESSAGE?chat_id=${w.client.id}&text=one`,
    );
    expect(await viaGet.json()).toMatchObject({
      ok: true,
      result: { text: "one", chat: { id: w.client.id } },
    });

    const form = new URLSearchParams({
      chat_id: String(w.client.id),
      text: "two",
      reply_markup: JSON.stringify({ inline_keyboard: [[{ text: "Open", callback_data: "open" }]] }),
    });
    const viaForm = await fetch(`${w.sim.apiRoot}/bot${BOT_TOKEN}/sendMessage`, {
      method: "POST",
      body: form,
    });
    const body = await viaForm.json();
    expect(body).toMatchObject({
      ok: true,
      result: { text: "two", reply_markup: { inline_keyboard: [[{ text: "Open" }]] } },
    });
  });

  test("sendMessage to a private chat is stored after the user's message, from the bot", async () => {
    const incoming = w.sim.sendAsUser(w.client.id, { botId: w.bot.id }, { text: "Where is my order?" });
    const sent = await w.api.sendMessage(w.client.id, "On its way!");
    expect(sent.from).toEqual(w.bot);
    expect(sent.chat).toMatchObject({ id: w.client.id, type: "private", first_name: "Jane" });
    expect(sent.message_id).toBeGreaterThan(incoming.message_id);

    const chat = w.sim.messages(w.client.id);
    expect(chat.map((m) => [m.from?.id, m.text])).toEqual([
      [w.client.id, "Where is my order?"],
      [w.bot.id, "On its way!"],
    ]);
    expect(w.sim.message(w.client.id, sent.message_id)?.text).toBe("On its way!");
  });

  test("a bot can't start a conversation or reach chats it is not in", async () => {
    const first = await apiError(w.api.sendMessage(w.client.id, "Hello?"));
    expect([first.error_code, first.description]).toEqual([
      403,
      "Forbidden: bot can't initiate conversation with a user",
    ]);

    const unknown = await apiError(w.api.sendMessage(-1009999999999, "x"));
    expect([unknown.error_code, unknown.description]).toEqual([400, "Bad Request: chat not found"]);

    const other = w.sim.createForumGroup({
      title: "Other",
      members: [{ userId: w.operator.id, status: "creator" }],
    });
    const notMember = await apiError(w.api.sendMessage(other.chatId, "x"));
    expect(notMember.description).toBe("Bad Request: chat not found");

    w.sim.setMemberStatus(w.groupId, w.bot.id, "kicked");
    const kicked = await apiError(w.api.sendMessage(w.groupId, "x"));
    expect([kicked.error_code, kicked.description]).toEqual([
      403,
      "Forbidden: bot was kicked from the supergroup chat",
    ]);
  });

  test("required parameters and formatting are validated like Telegram", async () => {
    w.sim.sendAsUser(w.client.id, { botId: w.bot.id }, { text: "hi" });
    const empty = await apiError(w.api.sendMessage(w.client.id, "   "));
    expect(empty.description).toBe("Bad Request: message text is empty");

    const tooLong = await apiError(w.api.sendMessage(w.client.id, "x".repeat(4097)));
    expect(tooLong.description).toBe("Bad Request: message is too long");

    const html = await w.api.sendMessage(w.client.id, "<b>Order</b> &lt;42&gt;", { parse_mode: "HTML" });
    expect(html.text).toBe("Order <42>");
    expect(html.entities).toEqual([{ type: "bold", offset: 0, length: 5 }]);

    const badHtml = await apiError(w.api.sendMessage(w.client.id, "a<br>b", { parse_mode: "HTML" }));
    expect(badHtml.description).toBe(
      'Bad Request: can\'t parse entities: Unsupported start tag "br" at byte offset 1',
    );

    const badMd = await apiError(w.api.sendMessage(w.client.id, "Total: 5.00", { parse_mode: "MarkdownV2" }));
    expect(badMd.description).toMatch(/can't parse entities: Character '\.' is reserved/);
  });

  test("replies are recorded from reply_parameters and from the legacy reply_to_message_id", async () => {
    const question = w.sim.sendAsUser(w.client.id, { botId: w.bot.id }, { text: "Question?" });
    const answer = await w.api.sendMessage(w.client.id, "Answer", {
      reply_parameters: { message_id: question.message_id },
    });
    expect(answer.reply_to_message).toMatchObject({ message_id: question.message_id, text: "Question?" });
    expect(w.sim.message(w.client.id, answer.message_id)?.reply_to_message?.message_id).toBe(
      question.message_id,
    );

    const legacy = await w.api.sendMessage(w.client.id, "Again", { reply_to_message_id: answer.message_id });
    // reply_to_message never nests another reply_to_message.
    expect(legacy.reply_to_message?.message_id).toBe(answer.message_id);
    expect(legacy.reply_to_message?.reply_to_message).toBeUndefined();

    const missing = await apiError(
      w.api.sendMessage(w.client.id, "x", { reply_parameters: { message_id: 999 } }),
    );
    expect(missing.description).toBe("Bad Request: message to be replied not found");
    const lenient = await w.api.sendMessage(w.client.id, "x", {
      reply_parameters: { message_id: 999, allow_sending_without_reply: true },
    });
    expect(lenient.reply_to_message).toBeUndefined();

    const userReply = w.sim.sendAsUser(
      w.client.id,
      { botId: w.bot.id },
      { text: "Thanks", replyToMessageId: answer.message_id },
    );
    expect(userReply.reply_to_message?.message_id).toBe(answer.message_id);
  });

  test("a user who blocks the bot answers 403 and the bot gets my_chat_member updates", async () => {
    w.sim.sendAsUser(w.client.id, { botId: w.bot.id }, { text: "hi" });
    w.sim.blockBot(w.client.id, w.bot.id);
    const blocked = await apiError(w.api.sendMessage(w.client.id, "Still there?"));
    expect([blocked.error_code, blocked.description]).toEqual([
      403,
      "Forbidden: bot was blocked by the user",
    ]);

    w.sim.unblockBot(w.client.id, w.bot.id);
    await w.api.sendMessage(w.client.id, "Welcome back");

    const updates = await w.api.getUpdates();
    const changes = updates.flatMap((u) => (u.my_chat_member ? [u.my_chat_member] : []));
    expect(changes.map((c) => [c.old_chat_member.status, c.new_chat_member.status])).toEqual([
      ["member", "kicked"],
      ["kicked", "member"],
    ]);
    expect(changes[0]).toMatchObject({
      chat: { id: w.client.id, type: "private" },
      from: { id: w.client.id },
    });
    expect(changes[0]?.new_chat_member.user.id).toBe(w.bot.id);
  });

  test("bots edit and delete their own messages only", async () => {
    const mine = w.sim.sendAsUser(w.client.id, { botId: w.bot.id }, { text: "typo" });
    const sent = await w.api.sendMessage(w.client.id, "Helo", {
      reply_markup: { inline_keyboard: [[{ text: "OK", callback_data: "ok" }]] },
    });
    const edited = await w.api.editMessageText(w.client.id, sent.message_id, "Hello");
    expect(edited).toMatchObject({ text: "Hello", message_id: sent.message_id });
    expect(typeof (edited as { edit_date?: number }).edit_date).toBe("number");
    // Telegram removes the inline keyboard when an edit does not repeat it.
    expect((edited as { reply_markup?: unknown }).reply_markup).toBeUndefined();

    const same = await apiError(w.api.editMessageText(w.client.id, sent.message_id, "Hello"));
    expect(same.description).toMatch(/^Bad Request: message is not modified/);
    const foreign = await apiError(w.api.editMessageText(w.client.id, mine.message_id, "hacked"));
    expect(foreign.description).toBe("Bad Request: message can't be edited");

    expect(await w.api.deleteMessage(w.client.id, sent.message_id)).toBe(true);
    expect(w.sim.message(w.client.id, sent.message_id)).toBeUndefined();
    const gone = await apiError(w.api.deleteMessage(w.client.id, sent.message_id));
    expect(gone.description).toBe("Bad Request: message to delete not found");
  });

  test("media is sent by file_id; unknown file_ids are refused", async () => {
    const photo = w.sim.sendAsUser(
      w.client.id,
      { botId: w.bot.id },
      { photo: { width: 1600, height: 1200 }, caption: "receipt" },
    );
    const sizes = photo.photo ?? [];
    expect(sizes.length).toBeGreaterThan(1);
    expect(sizes.at(-1)).toMatchObject({ width: 1280, height: 960 });
    for (const size of sizes) expect(size.file_id).toMatch(/^AgAC/);

    const echoed = await w.api.sendPhoto(w.client.id, sizes.at(-1)?.file_id ?? "", { caption: "got it" });
    expect(echoed.photo).toEqual(sizes);
    expect(echoed.caption).toBe("got it");

    const unknown = await apiError(w.api.sendDocument(w.client.id, "BQACAgIAAxkBAAInvented"));
    expect(unknown.description).toBe("Bad Request: wrong file identifier/HTTP URL specified");
    const wrongType = await apiError(w.api.sendVoice(w.client.id, sizes[0]?.file_id ?? ""));
    expect(wrongType.description).toBe("Bad Request: can't use file of type Photo as VoiceNote");
  });

  test("getChat and getChatMember describe the group and its members", async () => {
    const chat = await w.api.getChat(w.groupId);
    expect(chat).toMatchObject({ id: w.groupId, type: "supergroup", title: "Support", is_forum: true });
    expect(String(w.groupId)).toMatch(/^-100\d{10}$/);
    const operator = await w.api.getChatMember(w.groupId, w.operator.id);
    expect(operator.status).toBe("creator");
    const me = await w.api.getChatMember(w.groupId, w.bot.id);
    expect(me).toMatchObject({ status: "administrator", can_manage_topics: true, can_delete_messages: true });
    const outsider = await w.api.getChatMember(w.groupId, w.client.id);
    expect(outsider.status).toBe("left");
    expect(await w.api.setMyCommands([{ command: "close", description: "Close the dialog" }])).toBe(true);
    expect(await w.api.getMyCommands()).toEqual([{ command: "close", description: "Close the dialog" }]);
    expect(await w.api.answerCallbackQuery("123")).toBe(true);
  });
});
