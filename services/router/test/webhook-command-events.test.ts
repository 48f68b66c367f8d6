import { DialogStatus } from "@topicdesk/contracts";
import { decide } from "../src/decide/decide.ts";
import type { Caller } from "../src/roles/index.ts";
import { contextFor, dialog, OPERATOR, operatorMessage } from "./context-factory.ts";

const as = (role: Caller["role"]): Caller => ({
  userId: OPERATOR.id,
  role,
  member: { status: "member", canRestrictMembers: false },
});

/** WEBHOOKS with one receiver subscribed to these entries. */
const webhooks = (...events: string[]) => ({
  WEBHOOKS: JSON.stringify({ "https://crm.example/hook": events }),
});

function inTopic(text: string, caller: Caller, params: Record<string, string>) {
  return decide(
    contextFor(operatorMessage({ text }), {
      dialog: dialog(DialogStatus.SupportAnswered),
      params,
      extra: { caller },
    }),
  );
}

const invoked = (decision: ReturnType<typeof decide>) =>
  decision.domainEvents.filter((event) => event.kind === "command.invoked");

describe("commands listed in WEBHOOKS fire command.invoked (reference §3.6)", () => {
  test("a command only in WEBHOOKS is published, with no unknown-command hint", () => {
    const decision = inTopic("/invoice order 7", as("operator"), webhooks("dialog_created", "/invoice"));
    expect(decision.jobs).toEqual([]);
    expect(invoked(decision)).toEqual([
      {
        kind: "command.invoked",
        operatorId: OPERATOR.id,
        command: expect.objectContaining({
          name: "invoice",
          args: "order 7",
          callerId: OPERATOR.id,
          callerRole: "operator",
          threadId: 55,
        }),
      },
    ]);
  });

  test("without WEBHOOKS or CUSTOM_COMMANDS the same command is unknown and not published", () => {
    const decision = inTopic("/invoice order 7", as("operator"), webhooks("dialog_created"));
    expect(invoked(decision)).toEqual([]);
    expect(decision.jobs[0]).toMatchObject({ text: expect.stringContaining("Unknown command /invoice") });
  });

  test("a built-in command listed there still does its work, and fires the event too", () => {
    const decision = inTopic("/close", as("operator"), webhooks("/close"));
    expect(decision.patchDialog).toMatchObject({ status: DialogStatus.Closed });
    expect(decision.domainEvents.map((event) => event.kind)).toEqual(
      expect.arrayContaining(["dialog.closed", "command.invoked"]),
    );
    expect(invoked(decision)[0]?.command).toMatchObject({ name: "close", args: "" });
    const plain = inTopic("/close", as("operator"), {});
    expect(plain.patchDialog).toEqual(decision.patchDialog);
    expect(invoked(plain)).toEqual([]);
  });

  test("a built-in command's own answer stays: /mark in a topic with WEBHOOKS /mark", () => {
    const decision = inTopic("/mark", as("operator"), webhooks("/mark"));
    expect(decision.jobs[0]).toMatchObject({ text: expect.stringContaining("no labels") });
    expect(invoked(decision)[0]?.command).toMatchObject({ name: "mark" });
  });

  test("someone outside the group fires nothing, whatever WEBHOOKS lists", () => {
    for (const text of ["/invoice", "/close"]) {
      const decision = inTopic(text, as(undefined), webhooks("/invoice", "/close"));
      expect(invoked(decision)).toEqual([]);
      expect(decision.patchDialog).toBeUndefined();
    }
  });

  test("a module command is published once, and never for a caller its module refuses", () => {
    const general = (caller: Caller) =>
      decide(
        contextFor(operatorMessage({ text: "/export label:vip", threadId: undefined }), {
          params: webhooks("/export"),
          extra: { caller },
        }),
      );
    expect(invoked(general(as("extension")))).toHaveLength(1);
    // The reports service trusts command.invoked: a plain operator's /export must not become one.
    const refused = general(as("operator"));
    expect(invoked(refused)).toEqual([]);
    expect(refused.jobs[0]).toMatchObject({ text: expect.stringContaining("EXTENSIONS_ALLOWED") });
  });
});
