import { DialogStatus, type MessageInfo } from "@topicdesk/contracts";
import { decide } from "../src/decide/decide.ts";
import type { ModuleFacts } from "../src/decide/event-context.ts";
import type { Caller } from "../src/roles/index.ts";
import { BACKEND_CHAT, contextFor, dialog, NOW, OPERATOR, operatorMessage } from "./context-factory.ts";

const hello = { name: "hello", chatId: BACKEND_CHAT, threadId: 55, messageIds: [300] };
const facts = (extra: Partial<ModuleFacts> = {}): ModuleFacts => ({
  quickReplies: [hello],
  labels: [],
  ...extra,
});
const nowSeconds = NOW.getTime() / 1000;

function say(
  text: string,
  options: { message?: Partial<MessageInfo>; modules?: ModuleFacts; inTopic?: boolean; caller?: Caller } = {},
) {
  const inTopic = options.inTopic ?? true;
  const message = { text, date: nowSeconds, ...(inTopic ? {} : { threadId: undefined }), ...options.message };
  return decide(
    contextFor(operatorMessage(message), {
      ...(inTopic ? { dialog: dialog(DialogStatus.UserAnswered) } : {}),
      extra: { modules: options.modules ?? facts(), ...(options.caller ? { caller: options.caller } : {}) },
    }),
  );
}

const answer = (decision: ReturnType<typeof decide>) =>
  decision.jobs.find((job) => job.type === "text.send")?.text ?? "";

describe("/say", () => {
  test("lists the quick replies with links to their messages", () => {
    const text = answer(say("/say", { inTopic: false }));
    expect(text).toContain("• hello — https://t.me/c/1000000001/55/300");
  });

  test("as a reply, saves a reference to the replied-to message (not its content)", () => {
    const decision = say("/say Thanks", { message: { replyToMessageId: 321, replyToDate: nowSeconds - 60 } });
    expect(decision.moduleWrites).toEqual([
      {
        kind: "quick-reply.save",
        name: "thanks",
        chatId: BACKEND_CHAT,
        threadId: 55,
        messageIds: [321],
        savedBy: OPERATOR.id,
      },
    ]);
    expect(answer(decision)).toContain("saved");
  });

  test("as a reply to an album part, saves the whole album", () => {
    const decision = say("/say promo", {
      message: { replyToMessageId: 401, replyToMediaGroupId: "g1", replyToDate: nowSeconds - 3600 },
      modules: facts({ replyAlbum: { messageIds: [400, 401, 402] } }),
    });
    expect(decision.moduleWrites?.[0]).toMatchObject({ messageIds: [400, 401, 402] });
  });

  test("an album older than a day is refused as too old", () => {
    const decision = say("/say promo", {
      message: { replyToMessageId: 401, replyToMediaGroupId: "g1", replyToDate: nowSeconds - 25 * 3600 },
      modules: facts({ replyAlbum: { messageIds: [400, 401] } }),
    });
    expect(decision.moduleWrites).toBeUndefined();
    expect(answer(decision)).toContain("too old");
  });

  test("in a topic, sends the quick reply to the client like an operator's answer", () => {
    const decision = say("/say HELLO");
    expect(decision.jobs.find((job) => job.type === "template.send")).toEqual({
      type: "template.send",
      lane: "chat",
      fromChatId: BACKEND_CHAT,
      messageIds: [300],
      mode: "copy",
      operatorId: OPERATOR.id,
    });
    expect(decision.patchDialog).toMatchObject({
      status: DialogStatus.SupportAnswered,
      lastOperatorMessageAt: NOW,
    });
    expect(decision.dialogEvents).toEqual([{ kind: "operator_message", operatorId: OPERATOR.id }]);
  });

  test("with fwd, forwards it", () => {
    expect(say("/say hello fwd").jobs.find((job) => job.type === "template.send")).toMatchObject({
      mode: "forward",
    });
  });

  test("del deletes it", () => {
    expect(say("/say del hello").moduleWrites).toEqual([{ kind: "quick-reply.delete", name: "hello" }]);
  });

  test.each([
    ["/say nope", "no quick reply “nope”"],
    ["/say del nope", "no quick reply “nope”"],
    ["/say bad!name", "not a valid name"],
    ["/say hello loud", "unknown option"],
    ["/say a b c", "too many words"],
  ])("%s gets a clear error and changes nothing", (text, error) => {
    const decision = say(text);
    expect(answer(decision)).toContain(error);
    expect(decision.moduleWrites).toBeUndefined();
    expect(decision.jobs.map((job) => job.type)).toEqual(["text.send"]);
  });

  test("sending needs a client's topic", () => {
    const decision = say("/say hello", { inTopic: false });
    expect(answer(decision)).toContain("use it in the client's topic");
    expect(decision.jobs.map((job) => job.type)).toEqual(["text.send"]);
  });

  test("someone outside the group is refused", () => {
    const caller: Caller = {
      userId: 5,
      role: undefined,
      member: { status: "left", canRestrictMembers: false },
    };
    const decision = say("/say del hello", { caller });
    expect(decision.moduleWrites).toBeUndefined();
    expect(answer(decision)).toContain("for members of this group");
  });
});
