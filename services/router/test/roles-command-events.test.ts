import { DialogStatus } from "@topicdesk/contracts";
import { decide } from "../src/decide/decide.ts";
import type { Caller } from "../src/roles/index.ts";
import { contextFor, dialog, OPERATOR, operatorMessage } from "./context-factory.ts";

const as = (role: Caller["role"]): Caller => ({
  userId: OPERATOR.id,
  role,
  member: { status: "member", canRestrictMembers: false },
});

function inGeneral(text: string, caller: Caller, params: Record<string, string> = {}) {
  return decide(contextFor(operatorMessage({ text, threadId: undefined }), { params, extra: { caller } }));
}

describe("command.invoked for module commands", () => {
  test("/export by an extension user publishes who asked, where, and with what", () => {
    const decision = inGeneral("/export label:vip", as("extension"));
    expect(decision.jobs).toEqual([]);
    expect(decision.domainEvents).toEqual([
      {
        kind: "command.invoked",
        operatorId: OPERATOR.id,
        command: {
          name: "export",
          args: "label:vip",
          callerId: OPERATOR.id,
          callerRole: "extension",
          backendChatId: -1001000000001,
          messageId: expect.any(Number),
        },
      },
    ]);
  });

  test.each(["/export", "/stats 7d", "/send all"])(
    "%s in the General topic is refused for a plain operator",
    (text) => {
      const decision = inGeneral(text, as("operator"));
      expect(decision.domainEvents).toEqual([]);
      expect(decision.jobs[0]).toMatchObject({ text: expect.stringContaining("EXTENSIONS_ALLOWED") });
    },
  );

  test("/send in a client's topic is open to operators and names the topic", () => {
    const context = contextFor(operatorMessage({ text: "/send" }), {
      dialog: dialog(DialogStatus.UserAnswered),
      extra: { caller: as("operator") },
    });
    const [event] = decide(context).domainEvents;
    expect(event?.command).toMatchObject({ name: "send", args: "", threadId: 55, callerRole: "operator" });
  });

  test("/send file as the caption of a document carries the document's file_id and the prepared message", () => {
    const message = operatorMessage({
      text: "/send file",
      content: "document",
      documentFileId: "BQACAgIAAxkBAAIB",
      replyToMessageId: 321,
      threadId: undefined,
    });
    const [event] = decide(contextFor(message, { extra: { caller: as("extension") } })).domainEvents;
    expect(event?.command).toMatchObject({
      name: "send",
      args: "file",
      documentFileId: "BQACAgIAAxkBAAIB",
      replyToMessageId: 321,
    });
  });

  test("a command listed in CUSTOM_COMMANDS stays silent and is published", () => {
    const decision = inGeneral("/invoice 42", as("operator"), { CUSTOM_COMMANDS: "invoice" });
    expect(decision.jobs).toEqual([]);
    expect(decision.domainEvents[0]?.command).toMatchObject({ name: "invoice", args: "42" });
  });

  test("a custom command from someone outside the group is refused and not published", () => {
    const decision = inGeneral("/invoice", as(undefined), { CUSTOM_COMMANDS: "invoice" });
    expect(decision.domainEvents).toEqual([]);
  });
});
