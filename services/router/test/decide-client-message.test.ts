import { albumJobId, DialogStatus } from "@topicdesk/contracts";
import { decide } from "../src/decide/decide.ts";
import { CLIENT, clientMessage, contextFor, dialog, NOW } from "./context-factory.ts";

describe("a client's message", () => {
  test("the first message opens a dialog: a 🟪 topic named after the client, its card, the copy, and the welcome", () => {
    const decision = decide(contextFor(clientMessage({ text: "/start promo42" })));
    expect(decision.createDialog).toMatchObject({
      status: DialogStatus.UserAnswered,
      firstName: "Jane",
      startParam: "promo42",
    });
    expect(decision.jobs.map((job) => job.type)).toEqual([
      "topic.create",
      "text.send",
      "copy.to-topic",
      "text.send",
    ]);
    expect(decision.jobs[0]).toMatchObject({
      name: `🟪 Jane Doe · ${CLIENT.id}`,
      lane: "group",
      iconColor: 7322096,
    });
    const card = decision.jobs[1];
    expect(card?.type === "text.send" && card.text.split("\n")).toEqual([
      "ℹ️ Jane Doe",
      `id: ${CLIENT.id}`,
      "username: @jane",
      "language: en",
      "start parameter: promo42",
    ]);
    expect(decision.jobs[3]).toMatchObject({
      lane: "chat",
      target: { kind: "client" },
      parseMode: "MarkdownV2",
    });
    expect(decision.domainEvents.map((event) => event.kind)).toEqual(["dialog.opened", "message.inbound"]);
  });

  test("AUTO_INFO makes the opening card the full /info card, with the connection", () => {
    const decision = decide(contextFor(clientMessage(), { params: { AUTO_INFO: "TRUE" } }));
    const card = decision.jobs[1];
    expect(card?.type === "text.send" && card.text).toContain("connection: main");
  });

  test("HIDE_INFO masks the opening card: name and link hidden, or no card at all with command", () => {
    const masked = decide(contextFor(clientMessage(), { params: { HIDE_INFO: '"name", "link"' } })).jobs[1];
    const text = masked?.type === "text.send" ? masked.text : "";
    expect(text).not.toContain("Jane");
    expect(text).not.toContain("@jane");
    expect(text).not.toContain(String(CLIENT.id));
    const none = decide(contextFor(clientMessage(), { params: { HIDE_INFO: '"command"' } }));
    expect(none.jobs.map((job) => job.type)).toEqual(["topic.create", "copy.to-topic", "text.send"]);
  });

  test("HIDE_INFO name shows a stable pseudonym without the id", () => {
    const first = decide(contextFor(clientMessage(), { params: { HIDE_INFO: '"name"' } }));
    const second = decide(contextFor(clientMessage(), { params: { HIDE_INFO: '"name"' } }));
    const name = first.jobs[0]?.type === "topic.create" ? first.jobs[0].name : "";
    expect(name).not.toContain("Jane");
    expect(name).not.toContain(String(CLIENT.id));
    expect(second.jobs[0]).toMatchObject({ name });
  });

  test("WELCOME OFF opens the dialog without a welcome", () => {
    const decision = decide(contextFor(clientMessage(), { params: { WELCOME: "OFF" } }));
    expect(decision.jobs.map((job) => job.type)).toEqual(["topic.create", "text.send", "copy.to-topic"]);
  });

  test.each([
    ["IGNORE_CHATS", { IGNORE_CHATS: `${CLIENT.id}` }],
    ["WHITE_LIST", { WHITE_LIST: "1, 2" }],
    ["MONITOR_PRIVATE", { MONITOR_PRIVATE: "FALSE" }],
  ])("%s keeps the message out of the backend group", (_name, params) => {
    const decision = decide(contextFor(clientMessage(), { params }));
    expect(decision.ignored).toBeDefined();
    expect(decision.jobs).toEqual([]);
    expect(decision.createDialog).toBeUndefined();
  });

  test("WHITE_LIST lets listed clients through", () => {
    const decision = decide(contextFor(clientMessage(), { params: { WHITE_LIST: `${CLIENT.id}` } }));
    expect(decision.createDialog).toBeDefined();
  });

  test("PRIVATE_KEYWORDS: only a matching message opens a dialog, then everything flows", () => {
    const params = { PRIVATE_KEYWORDS: '"operator", ["human","~bot"]' };
    expect(
      decide(contextFor(clientMessage({ text: "what are your prices" }), { params })).ignored,
    ).toBeDefined();
    expect(
      decide(contextFor(clientMessage({ text: "I want a HUMAN please" }), { params })).createDialog,
    ).toBeDefined();
    expect(
      decide(contextFor(clientMessage({ text: "human or bot?" }), { params })).createDialog,
    ).toBeUndefined();
    const open = decide(
      contextFor(clientMessage({ text: "prices" }), { params, dialog: dialog(DialogStatus.SupportAnswered) }),
    );
    expect(open.jobs.some((job) => job.type === "copy.to-topic")).toBe(true);
  });

  test("RESTRICTED_KEYWORDS_FRONTEND withholds the message and says so in the topic", () => {
    const decision = decide(
      contextFor(clientMessage({ text: "call me at +123" }), {
        params: { RESTRICTED_KEYWORDS_FRONTEND: '"+123"' },
        dialog: dialog(DialogStatus.UserAnswered),
      }),
    );
    expect(decision.jobs).toHaveLength(1);
    expect(decision.jobs[0]).toMatchObject({ type: "text.send", target: { kind: "topic" } });
  });

  test("LEAVE_CLOSED private: the topic is born closed and no welcome is sent", () => {
    const decision = decide(contextFor(clientMessage(), { params: { LEAVE_CLOSED: '"private"' } }));
    expect(decision.createDialog?.status).toBe(DialogStatus.Closed);
    expect(decision.jobs.map((job) => job.type)).toEqual([
      "topic.create",
      "text.send",
      "copy.to-topic",
      "topic.set-open",
    ]);
  });

  test("a message to a closed dialog reopens it with the welcome again", () => {
    const decision = decide(contextFor(clientMessage(), { dialog: dialog(DialogStatus.Closed) }));
    expect(decision.patchDialog).toMatchObject({ status: DialogStatus.UserAnswered, statusChangedAt: NOW });
    expect(decision.jobs.map((job) => job.type)).toEqual([
      "topic.set-open",
      "topic.rename",
      "copy.to-topic",
      "text.send",
    ]);
    expect(decision.domainEvents[0]?.kind).toBe("dialog.reopened");
  });

  test("a message to a 🟨 dialog makes it 🟪 without a welcome", () => {
    const decision = decide(contextFor(clientMessage(), { dialog: dialog(DialogStatus.SupportAnswered) }));
    expect(decision.jobs.map((job) => job.type)).toEqual(["topic.rename", "copy.to-topic"]);
    expect(decision.jobs[0]).toMatchObject({ name: expect.stringMatching(/^🟪 /) });
  });

  test("a message to a 🟪 dialog is only copied", () => {
    const decision = decide(contextFor(clientMessage(), { dialog: dialog(DialogStatus.UserAnswered) }));
    expect(decision.jobs.map((job) => job.type)).toEqual(["copy.to-topic"]);
  });

  test("album parts share one copy job and are remembered", () => {
    const part = (messageId: number) =>
      decide(
        contextFor(clientMessage({ messageId, mediaGroupId: "g1", content: "photo" }), {
          dialog: dialog(DialogStatus.UserAnswered),
        }),
      );
    const [first, second] = [part(10), part(11)];
    const expectedId = albumJobId("main", CLIENT.id, "g1");
    expect(first.jobs[0]).toMatchObject({ fixedId: expectedId, mediaGroupId: "g1" });
    expect(second.jobs[0]).toMatchObject({ fixedId: expectedId });
    expect(second.albumPart).toEqual({ chatId: CLIENT.id, mediaGroupId: "g1", messageId: 11 });
  });

  test("a client's reply is copied as a reply to the copy", () => {
    const decision = decide(
      contextFor(clientMessage({ replyToMessageId: 5 }), { dialog: dialog(DialogStatus.UserAnswered) }),
    );
    expect(decision.jobs[0]).toMatchObject({ type: "copy.to-topic", replyToClientMessageId: 5 });
  });

  test("a banned client is ignored", () => {
    expect(
      decide(contextFor(clientMessage(), { dialog: dialog(DialogStatus.UserAnswered, { banned: true }) }))
        .jobs,
    ).toEqual([]);
  });

  test("a shared own contact fills the card's phone", () => {
    const decision = decide(
      contextFor(clientMessage({ content: "contact", sharedOwnPhone: "+100" }), {
        dialog: dialog(DialogStatus.UserAnswered),
      }),
    );
    expect(decision.patchDialog?.phone).toBe("+100");
  });
});

describe("edits, reactions and blocking on the client side", () => {
  test("an edited text is mirrored onto the copy in the topic", () => {
    const decision = decide(
      contextFor(clientMessage({ text: "fixed" }, "edit"), { dialog: dialog(DialogStatus.UserAnswered) }),
    );
    expect(decision.jobs[0]).toMatchObject({
      type: "edit.mirror",
      direction: "to-topic",
      text: "fixed",
      isCaption: false,
    });
  });

  test("a reaction is mirrored onto the copy", () => {
    const event = {
      ...clientMessage(),
      kind: "reaction" as const,
      reaction: { messageId: 3, emojis: ["👍"] },
    };
    const decision = decide(contextFor(event, { dialog: dialog(DialogStatus.UserAnswered) }));
    expect(decision.jobs[0]).toMatchObject({ type: "reaction.mirror", sourceMessageId: 3, emojis: ["👍"] });
  });

  test("blocking the bot is noted on the card and told in the topic", () => {
    const event = {
      ...clientMessage(),
      kind: "membership" as const,
      membership: { status: "blocked" as const },
    };
    const decision = decide(contextFor(event, { dialog: dialog(DialogStatus.SupportAnswered) }));
    expect(decision.patchDialog).toEqual({ blocked: true });
    expect(decision.jobs[0]).toMatchObject({ type: "text.send", target: { kind: "topic" } });
  });
});

describe("SILENT_MODE", () => {
  test("by default a client is told when their message cannot reach the team", () => {
    const decision = decide(contextFor(clientMessage(), { dialog: dialog(DialogStatus.UserAnswered) }));
    expect(decision.jobs[0]).toMatchObject({ type: "copy.to-topic", notifyClientOnFailure: true });
  });

  test("SILENT_MODE TRUE keeps failures from the client", () => {
    const decision = decide(
      contextFor(clientMessage(), {
        dialog: dialog(DialogStatus.UserAnswered),
        params: { SILENT_MODE: "TRUE" },
      }),
    );
    expect(decision.jobs[0]).not.toHaveProperty("notifyClientOnFailure");
  });
});
