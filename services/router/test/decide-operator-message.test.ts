import { DialogStatus } from "@topicdesk/contracts";
import { decide } from "../src/decide/decide.ts";
import { contextFor, dialog, NOW, OPERATOR, operatorMessage } from "./context-factory.ts";

const open = () => dialog(DialogStatus.UserAnswered);

describe("an operator's message in a topic", () => {
  test("is copied to the client and makes the dialog 🟨", () => {
    const decision = decide(contextFor(operatorMessage(), { dialog: open() }));
    expect(decision.jobs.map((job) => job.type)).toEqual(["topic.rename", "copy.to-client"]);
    expect(decision.jobs[1]).toMatchObject({ lane: "chat", operatorId: OPERATOR.id });
    expect(decision.patchDialog).toMatchObject({
      status: DialogStatus.SupportAnswered,
      lastOperatorMessageAt: NOW,
    });
    expect(decision.dialogEvents).toEqual([{ kind: "operator_message", operatorId: OPERATOR.id }]);
  });

  test("in a closed topic it is delivered and moves the dialog to 🟨", () => {
    const decision = decide(contextFor(operatorMessage(), { dialog: dialog(DialogStatus.Closed) }));
    expect(decision.patchDialog?.status).toBe(DialogStatus.SupportAnswered);
    expect(decision.jobs.some((job) => job.type === "copy.to-client")).toBe(true);
  });

  test("a reply to a client's message is delivered as a reply", () => {
    const decision = decide(
      contextFor(operatorMessage({ replyToMessageId: 70 }), {
        dialog: open(),
        extra: { replyTarget: { direction: "inbound" } },
      }),
    );
    expect(decision.jobs.at(-1)).toMatchObject({ type: "copy.to-client", replyToTopicMessageId: 70 });
  });

  test.each(["/ spoke to them by phone", "/"])("%j is an internal comment and stays in the topic", (text) => {
    const decision = decide(contextFor(operatorMessage({ text }), { dialog: open() }));
    expect(decision.jobs).toEqual([]);
  });

  test("REPLY_ONLY delivers only explicit replies to client messages", () => {
    const params = { REPLY_ONLY: "TRUE" };
    expect(decide(contextFor(operatorMessage(), { dialog: open(), params })).jobs).toEqual([]);
    const reply = decide(
      contextFor(operatorMessage({ replyToMessageId: 70 }), {
        dialog: open(),
        params,
        extra: { replyTarget: { direction: "inbound" } },
      }),
    );
    expect(reply.jobs.some((job) => job.type === "copy.to-client")).toBe(true);
  });

  test("RESTRICTED_KEYWORDS_BACKEND refuses the message with a notice", () => {
    const decision = decide(
      contextFor(operatorMessage({ text: "write me at secret@mail" }), {
        dialog: open(),
        params: { RESTRICTED_KEYWORDS_BACKEND: '"@mail"' },
      }),
    );
    expect(decision.jobs).toHaveLength(1);
    expect(decision.jobs[0]).toMatchObject({
      type: "text.send",
      text: expect.stringContaining("Not delivered"),
    });
    expect(decision.patchDialog).toBeUndefined();
  });

  test("an anonymous admin gets a hint instead of a delivery", () => {
    const decision = decide(contextFor(operatorMessage({ senderChatId: -100 }), { dialog: open() }));
    expect(decision.jobs).toHaveLength(1);
    expect(decision.jobs[0]).toMatchObject({ type: "text.send", text: expect.stringContaining("anonymous") });
  });

  test("a message in the General topic that is not a command is left alone", () => {
    const event = operatorMessage({ threadId: undefined });
    expect(decide(contextFor(event)).jobs).toEqual([]);
  });

  test("an album part from an operator shares the album job", () => {
    const decision = decide(
      contextFor(operatorMessage({ mediaGroupId: "og", content: "photo" }), { dialog: open() }),
    );
    expect(decision.jobs.at(-1)).toMatchObject({ type: "copy.to-client", mediaGroupId: "og" });
    expect(decision.albumPart?.mediaGroupId).toBe("og");
  });

  test("an operator's edit is mirrored to the client", () => {
    const decision = decide(contextFor(operatorMessage({ text: "corrected" }, "edit"), { dialog: open() }));
    expect(decision.jobs[0]).toMatchObject({ type: "edit.mirror", direction: "to-client", lane: "chat" });
  });
});

describe("commands in a topic", () => {
  test("/close closes the dialog and the native topic", () => {
    const decision = decide(contextFor(operatorMessage({ text: "/close" }), { dialog: open() }));
    expect(decision.patchDialog).toMatchObject({ status: DialogStatus.Closed, closedAt: NOW });
    expect(decision.jobs.map((job) => job.type)).toEqual(["topic.rename", "topic.set-open"]);
    expect(decision.jobs[0]).toMatchObject({ name: expect.stringMatching(/^⬛️ /) });
    expect(decision.domainEvents[0]).toMatchObject({ kind: "dialog.closed", operatorId: OPERATOR.id });
  });

  test("/close@bot with the bot's name works too, and on a closed dialog it only says so", () => {
    expect(
      decide(contextFor(operatorMessage({ text: "/close@topicdesk_bot" }), { dialog: open() })).patchDialog
        ?.status,
    ).toBe(DialogStatus.Closed);
    const again = decide(
      contextFor(operatorMessage({ text: "/close" }), { dialog: dialog(DialogStatus.Closed) }),
    );
    expect(again.patchDialog).toBeUndefined();
    expect(again.jobs[0]).toMatchObject({
      type: "text.send",
      text: expect.stringContaining("already closed"),
    });
  });

  test("/wait makes it 🟨 and /hold makes it 🟪", () => {
    expect(
      decide(contextFor(operatorMessage({ text: "/wait" }), { dialog: open() })).patchDialog?.status,
    ).toBe(DialogStatus.SupportAnswered);
    expect(
      decide(contextFor(operatorMessage({ text: "/hold" }), { dialog: dialog(DialogStatus.SupportAnswered) }))
        .patchDialog?.status,
    ).toBe(DialogStatus.UserAnswered);
  });

  test("/help answers in the topic", () => {
    const decision = decide(contextFor(operatorMessage({ text: "/help" }), { dialog: open() }));
    expect(decision.jobs[0]).toMatchObject({ type: "text.send", text: expect.stringContaining("/close") });
  });

  test("/info shows the card, and with HIDE_INFO command only allowed users get it privately", () => {
    const shown = decide(contextFor(operatorMessage({ text: "/info" }), { dialog: open() }));
    expect(shown.jobs[0]).toMatchObject({
      type: "text.send",
      target: { kind: "topic" },
      text: expect.stringContaining("Jane"),
    });
    const refused = decide(
      contextFor(operatorMessage({ text: "/info" }), { dialog: open(), params: { HIDE_INFO: '"command"' } }),
    );
    expect(refused.jobs).toHaveLength(1);
    expect(refused.jobs[0]).toMatchObject({ text: expect.stringContaining("hidden") });
    const allowed = decide(
      contextFor(operatorMessage({ text: "/info" }), {
        dialog: open(),
        params: { HIDE_INFO: '"command"', EXTENSIONS_ALLOWED: `${OPERATOR.id}` },
      }),
    );
    expect(allowed.jobs[0]).toMatchObject({ lane: "chat", target: { kind: "chat", chatId: OPERATOR.id } });
  });

  test("/ban needs the Ban users right", () => {
    const refused = decide(
      contextFor(operatorMessage({ text: "/ban" }), {
        dialog: open(),
        extra: { operatorRights: { canRestrictMembers: false, isAdmin: true } },
      }),
    );
    expect(refused.patchDialog).toBeUndefined();
    const banned = decide(
      contextFor(operatorMessage({ text: "/ban" }), {
        dialog: open(),
        extra: { operatorRights: { canRestrictMembers: true, isAdmin: true } },
      }),
    );
    expect(banned.patchDialog).toEqual({ banned: true });
    const unbanned = decide(
      contextFor(operatorMessage({ text: "/unban" }), {
        dialog: dialog(DialogStatus.UserAnswered, { banned: true }),
        extra: { operatorRights: { canRestrictMembers: true, isAdmin: true } },
      }),
    );
    expect(unbanned.patchDialog).toEqual({ banned: false });
  });

  test("an unknown command gets a hint, a CUSTOM_COMMANDS one gets silence", () => {
    const unknown = decide(contextFor(operatorMessage({ text: "/invoice 10" }), { dialog: open() }));
    expect(unknown.jobs[0]).toMatchObject({ text: expect.stringContaining("Unknown command /invoice") });
    const custom = decide(
      contextFor(operatorMessage({ text: "/invoice 10" }), {
        dialog: open(),
        params: { CUSTOM_COMMANDS: '"invoice"' },
      }),
    );
    expect(custom.jobs).toEqual([]);
  });
});
