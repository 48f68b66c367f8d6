import { DialogStatus } from "@topicdesk/contracts";
import { decide } from "../src/decide/decide.ts";
import type { EventContext } from "../src/decide/event-context.ts";
import { type Caller, hasRole, type MemberStatus, requireRole, roleOf } from "../src/roles/index.ts";
import { contextFor, dialog, OPERATOR, operatorMessage } from "./context-factory.ts";

const member = (status: MemberStatus) => ({ status, canRestrictMembers: false });
const noExtensions = { extensionsEveryone: false, extensionsAllowed: new Set<number>() };
const connection = { adminUserId: 1 };

function callerWith(role: Caller["role"]): Caller {
  return { userId: OPERATOR.id, role, member: member(role === undefined ? "left" : "member") };
}

function commandContext(text: string, caller: Caller, extra: Partial<EventContext> = {}): EventContext {
  return contextFor(operatorMessage({ text }), {
    dialog: dialog(DialogStatus.UserAnswered),
    extra: { caller, ...extra },
  });
}

describe("roleOf", () => {
  test("the connection's administrator is admin, even outside the group", () => {
    expect(roleOf({ userId: 1, member: member("left"), connection, params: noExtensions })).toBe("admin");
  });

  test("the group's owner is admin", () => {
    expect(roleOf({ userId: 5, member: member("creator"), connection, params: noExtensions })).toBe("admin");
  });

  test.each<MemberStatus>(["member", "administrator", "restricted"])(
    "a %s of the group is an operator",
    (status) => {
      expect(roleOf({ userId: 5, member: member(status), connection, params: noExtensions })).toBe(
        "operator",
      );
    },
  );

  test("a member listed in EXTENSIONS_ALLOWED is an extension user", () => {
    const params = { extensionsEveryone: false, extensionsAllowed: new Set([5]) };
    expect(roleOf({ userId: 5, member: member("member"), connection, params })).toBe("extension");
  });

  test("EXTENSIONS_ALLOWED “.” makes every member an extension user", () => {
    const params = { extensionsEveryone: true, extensionsAllowed: new Set<number>() };
    expect(roleOf({ userId: 5, member: member("member"), connection, params })).toBe("extension");
  });

  test.each<MemberStatus>(["left", "kicked"])(
    "someone who %s the group has no role, listed or not",
    (status) => {
      const params = { extensionsEveryone: false, extensionsAllowed: new Set([5]) };
      expect(roleOf({ userId: 5, member: member(status), connection, params })).toBeUndefined();
    },
  );
});

describe("requireRole", () => {
  const message = { messageId: 10, date: 0, content: "text" as const, text: "/x" };

  test("roles are ordered: admin ⊃ extension ⊃ operator", () => {
    expect(hasRole(callerWith("admin"), "extension")).toBe(true);
    expect(hasRole(callerWith("extension"), "operator")).toBe(true);
    expect(hasRole(callerWith("operator"), "extension")).toBe(false);
    expect(hasRole(callerWith("extension"), "admin")).toBe(false);
    expect(hasRole(undefined, "operator")).toBe(false);
  });

  test("a refusal is one short answer that changes nothing", () => {
    const refusal = requireRole(
      { caller: callerWith("operator"), message, dialog: undefined },
      "extension",
      "/export",
    );
    expect(refusal?.jobs).toEqual([
      expect.objectContaining({
        type: "text.send",
        text: "⛔ /export is for the administrator and the users in EXTENSIONS_ALLOWED.",
        replyToMessageId: 10,
      }),
    ]);
    expect(refusal?.patchDialog).toBeUndefined();
    expect(refusal?.domainEvents).toEqual([]);
  });

  test("when Telegram could not be asked, the caller is told to try again", () => {
    const caller: Caller = { userId: 5, role: undefined, member: undefined, lookupFailed: true };
    const refusal = requireRole({ caller, message, dialog: undefined }, "operator", "/close");
    expect(refusal?.jobs[0]).toMatchObject({ text: expect.stringContaining("could not check your rights") });
  });
});

describe("every command checks its caller", () => {
  test("someone no longer in the group cannot /close", () => {
    const decision = decide(commandContext("/close", callerWith(undefined)));
    expect(decision.patchDialog).toBeUndefined();
    expect(decision.jobs).toEqual([
      expect.objectContaining({ text: "⛔ /close is for members of this group." }),
    ]);
  });

  test("an operator can /close", () => {
    const decision = decide(commandContext("/close", callerWith("operator")));
    expect(decision.patchDialog?.status).toBe(DialogStatus.Closed);
  });

  test("an anonymous admin is refused with a hint to turn anonymity off", () => {
    const context = contextFor(operatorMessage({ text: "/close", senderChatId: -100123 }), {
      dialog: dialog(DialogStatus.UserAnswered),
    });
    const decision = decide(context);
    expect(decision.patchDialog).toBeUndefined();
    expect(decision.jobs[0]).toMatchObject({ text: expect.stringContaining("Remain anonymous") });
  });
});
