import { DialogStatus } from "@topicdesk/contracts";
import { decide } from "../src/decide/decide.ts";
import type { DialogState, ModuleFacts } from "../src/decide/event-context.ts";
import type { LabelDefinition } from "../src/decide/module-facts.ts";
import type { Caller } from "../src/roles/index.ts";
import { BACKEND_CHAT, contextFor, dialog, OPERATOR, operatorMessage } from "./context-factory.ts";

const label = (name: string, extra: Partial<LabelDefinition> = {}): LabelDefinition => ({
  name,
  ticker: null,
  removes: [],
  sendsTemplate: null,
  ...extra,
});
const funnel = [
  label("lead"),
  label("paid", { removes: ["lead"], ticker: "💰", sendsTemplate: "thanks" }),
  label("alex", { ticker: "Alex" }),
];
const modules = (extra: Partial<ModuleFacts> = {}): ModuleFacts => ({
  quickReplies: [{ name: "thanks", chatId: BACKEND_CHAT, threadId: null, messageIds: [77] }],
  labels: funnel,
  ...extra,
});
const as = (role: Caller["role"]): Caller => ({
  userId: OPERATOR.id,
  role,
  member: { status: "member", canRestrictMembers: false },
});

function inTopic(text: string, labels: string[] = [], extra: Partial<ModuleFacts> = {}) {
  return decide(
    contextFor(operatorMessage({ text }), {
      dialog: dialog(DialogStatus.UserAnswered, { labels }),
      extra: { modules: modules(extra) },
    }),
  );
}

function inGeneral(text: string, role: Caller["role"] = "extension", extra: Partial<ModuleFacts> = {}) {
  return decide(
    contextFor(operatorMessage({ text, threadId: undefined }), {
      extra: { modules: modules(extra), caller: as(role) },
    }),
  );
}

const answer = (decision: ReturnType<typeof decide>) =>
  decision.jobs.find((job) => job.type === "text.send")?.text ?? "";

describe("/mark in a client's topic", () => {
  test("adds a label, shows its ticker after the status and publishes dialog.tagged", () => {
    const decision = inTopic("/mark Alex");
    expect(decision.patchDialog).toEqual({ labels: ["alex"] });
    expect(decision.jobs.find((job) => job.type === "topic.rename")).toMatchObject({
      name: "🟪 Alex · Jane Doe · 4242",
    });
    expect(decision.domainEvents).toEqual([
      {
        kind: "dialog.tagged",
        operatorId: OPERATOR.id,
        labels: { current: ["alex"], added: ["alex"], removed: [] },
      },
    ]);
  });

  test("a later funnel stage takes the earlier off and sends its quick reply", () => {
    const decision = inTopic("/mark paid", ["lead", "alex"]);
    expect(decision.patchDialog).toEqual({ labels: ["alex", "paid"] });
    expect(decision.domainEvents[0]?.labels).toEqual({
      current: ["alex", "paid"],
      added: ["paid"],
      removed: ["lead"],
    });
    expect(decision.jobs.find((job) => job.type === "template.send")).toMatchObject({
      messageIds: [77],
      mode: "copy",
    });
    expect(decision.jobs.find((job) => job.type === "topic.rename")).toMatchObject({
      name: "🟪 Alex 💰 · Jane Doe · 4242",
    });
  });

  test("a label without a ticker changes no topic name", () => {
    expect(inTopic("/mark lead").jobs.map((job) => job.type)).toEqual(["text.send"]);
  });

  test("del removes the label", () => {
    const decision = inTopic("/mark del alex", ["alex"]);
    expect(decision.patchDialog).toEqual({ labels: [] });
    expect(decision.jobs.find((job) => job.type === "topic.rename")).toMatchObject({
      name: "🟪 Jane Doe · 4242",
    });
  });

  test("/mark lists the dialog's labels", () => {
    expect(answer(inTopic("/mark", ["lead", "alex"]))).toBe("Labels: lead, alex");
  });

  test.each([
    ["/mark nobody", "no label “nobody”"],
    ["/mark del lead", "has no label “lead”"],
    ["/mark 1st", "not a valid label name"],
    ["/mark new vip", "managed in the General topic"],
  ])("%s gets a clear error and changes nothing", (text, error) => {
    const decision = inTopic(text);
    expect(answer(decision)).toContain(error);
    expect(decision.patchDialog).toBeUndefined();
    expect(decision.domainEvents).toEqual([]);
  });
});

describe("/mark in the General topic", () => {
  test("new creates a label (case-insensitive name)", () => {
    expect(inGeneral("/mark new VIP").moduleWrites).toEqual([
      { kind: "label.create", name: "vip", createdBy: OPERATOR.id },
    ]);
  });

  test("after, sends, ticker and name change the label", () => {
    expect(inGeneral("/mark paid after lead, alex").moduleWrites).toEqual([
      { kind: "label.update", name: "paid", patch: { removes: ["lead", "alex"] } },
    ]);
    expect(inGeneral("/mark paid after CLEAR").moduleWrites?.[0]).toMatchObject({ patch: { removes: [] } });
    expect(inGeneral("/mark lead sends thanks").moduleWrites?.[0]).toMatchObject({
      patch: { sendsTemplate: "thanks" },
    });
    expect(inGeneral("/mark lead sends clear").moduleWrites?.[0]).toMatchObject({
      patch: { sendsTemplate: null },
    });
    expect(inGeneral("/mark lead name prospect").moduleWrites).toEqual([
      { kind: "label.rename", name: "lead", newName: "prospect" },
    ]);
  });

  test("a new ticker renames the topics that carry the label", () => {
    const carrier: DialogState = {
      ...dialog(DialogStatus.SupportAnswered, { labels: ["alex"] }),
      id: 9,
      topicId: 90,
    };
    const decision = inGeneral("/mark alex ticker Sasha", "extension", { labelDialogs: [carrier] });
    expect(decision.moduleWrites?.[0]).toMatchObject({ patch: { ticker: "Sasha" } });
    expect(decision.jobs.find((job) => job.type === "topic.rename")).toEqual({
      type: "topic.rename",
      lane: "group",
      dialogId: 9,
      name: "🟨 Sasha · Jane Doe · 4242",
    });
  });

  test("del deletes the label and renames its topics without its ticker", () => {
    const carrier: DialogState = {
      ...dialog(DialogStatus.UserAnswered, { labels: ["alex"] }),
      id: 9,
      topicId: 90,
    };
    const decision = inGeneral("/mark del alex", "extension", { labelDialogs: [carrier] });
    expect(decision.moduleWrites).toEqual([{ kind: "label.delete", name: "alex" }]);
    expect(decision.jobs.find((job) => job.type === "topic.rename")).toMatchObject({
      name: "🟪 Jane Doe · 4242",
    });
  });

  test("/mark lists labels with their properties", () => {
    expect(answer(inGeneral("/mark"))).toContain(
      "• paid · ticker “💰” · after: removes lead · sends “thanks”",
    );
  });

  test.each([
    ["/mark new lead", "already exists"],
    ["/mark ghost ticker X", "no label “ghost”"],
    ["/mark paid after ghost", "Unknown labels: ghost"],
    ["/mark lead sends nothing", "no quick reply “nothing”"],
    ["/mark lead name alex", "already exists"],
    ["/mark lead colour red", "unknown option"],
    ["/mark lead ticker this-ticker-is-far-too-long", "at most 16"],
  ])("%s gets a clear error and changes nothing", (text, error) => {
    const decision = inGeneral(text);
    expect(answer(decision)).toContain(error);
    expect(decision.moduleWrites).toBeUndefined();
  });

  test("a plain operator cannot manage labels", () => {
    const decision = inGeneral("/mark new vip", "operator");
    expect(decision.moduleWrites).toBeUndefined();
    expect(answer(decision)).toContain("EXTENSIONS_ALLOWED");
  });
});
