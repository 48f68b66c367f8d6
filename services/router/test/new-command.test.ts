import { DialogStatus, type InboundEvent } from "@topicdesk/contracts";
import { parseNewArguments } from "../src/commands/new-arguments.ts";
import { decide } from "../src/decide/decide.ts";
import type { Decision } from "../src/decide/decision.ts";
import type { EventContext } from "../src/decide/event-context.ts";
import type { NewDialogFacts, NewDialogTarget } from "../src/decide/new-dialog-facts.ts";
import { BACKEND_CHAT, contextFor, OPERATOR, operatorMessage } from "./context-factory.ts";

const USER = { id: 5150, firstName: "Sam", lastName: "Stone", username: "sam_stone" };

function inGeneral(text: string): InboundEvent {
  return operatorMessage({ text, threadId: undefined });
}

function decideNew(
  text: string,
  facts: NewDialogFacts,
  options: { connection?: string; params?: Record<string, string>; extra?: Partial<EventContext> } = {},
): Decision {
  const context = contextFor(inGeneral(text), {
    params: options.params ?? {},
    extra: { newDialog: facts, ...options.extra },
  });
  if (options.connection) context.connection = { ...context.connection, id: options.connection };
  return decide(context);
}

function alone(target?: NewDialogTarget): NewDialogFacts {
  return target ? { groupConnections: ["main"], target } : { groupConnections: ["main"] };
}

/** The texts the decision posts, and where. */
function answers(decision: Decision): string[] {
  return decision.jobs.flatMap((job) => (job.type === "text.send" ? [job.text] : []));
}

describe("/new opens a dialog with a user from the General topic", () => {
  test("a user who started the bot gets a topic with the opening card, and the operator a confirmation", () => {
    const decision = decideNew("/new 5150", alone({ kind: "found", user: USER }));

    expect(decision.createDialog).toMatchObject({
      clientChatId: USER.id,
      chatType: "private",
      status: DialogStatus.UserAnswered,
      firstName: "Sam",
      username: "sam_stone",
    });
    expect(decision.jobs.map((job) => job.type)).toEqual(["topic.create", "text.send", "text.send"]);
    expect(decision.jobs[0]).toMatchObject({
      type: "topic.create",
      name: expect.stringContaining("Sam Stone"),
    });
    expect(decision.jobs[1]).toMatchObject({
      target: { kind: "topic" },
      text: expect.stringContaining("id: 5150"),
    });
    expect(decision.jobs[2]).toMatchObject({
      target: { kind: "backend" },
      replyToMessageId: expect.any(Number),
      text: expect.stringContaining("✅ Dialog opened with 5150"),
    });
    expect(decision.domainEvents).toEqual([{ kind: "dialog.opened", operatorId: OPERATOR.id }]);
    expect(decision.dialogEvents).toEqual([{ kind: "opened", operatorId: OPERATOR.id }]);
  });

  test("no welcome goes to the user: the operator writes first", () => {
    const decision = decideNew("/new 5150", alone({ kind: "found", user: USER }), {
      params: { WELCOME: "Hi {title}" },
    });
    expect(decision.jobs.some((job) => job.lane === "chat")).toBe(false);
  });

  test("with HIDE_INFO command the topic gets no card", () => {
    const decision = decideNew("/new 5150", alone({ kind: "found", user: USER }), {
      params: { HIDE_INFO: "command" },
    });
    expect(decision.jobs.map((job) => job.type)).toEqual(["topic.create", "text.send"]);
    expect(answers(decision)[0]).toContain("Dialog opened");
  });

  test("a user an account's session resolved by username gets the topic under their name", () => {
    const decision = decideNew("/new @sam_stone", alone({ kind: "found", user: USER }));
    expect(decision.createDialog).toMatchObject({
      clientChatId: 5150,
      firstName: "Sam",
      username: "sam_stone",
    });
    expect(decision.jobs[0]).toMatchObject({
      type: "topic.create",
      name: expect.stringContaining("Sam Stone"),
    });
    expect(answers(decision)).toContain(
      "✅ Dialog opened with 5150: write in its new topic and your message goes to them.",
    );
  });

  test("an existing dialog is not opened twice: the answer links its topic", () => {
    const decision = decideNew(
      "/new 5150",
      alone({ kind: "existing", clientChatId: 5150, topicId: 77, status: DialogStatus.SupportAnswered }),
    );
    expect(decision.createDialog).toBeUndefined();
    const internalId = String(BACKEND_CHAT).replace(/^-100/, "");
    expect(answers(decision)).toEqual([
      `There is already a dialog with 5150: https://t.me/c/${internalId}/77 — write there.`,
    ]);
  });

  test("a closed existing dialog: reopen its topic and write there", () => {
    const decision = decideNew(
      "/new @sam_stone",
      alone({ kind: "existing", clientChatId: 5150, topicId: 77, status: DialogStatus.Closed }),
    );
    expect(decision.createDialog).toBeUndefined();
    expect(answers(decision)[0]).toMatch(/closed dialog with 5150: .* reopen that topic/);
  });
});

describe("/new refuses clearly and changes nothing", () => {
  test.each<[string, NewDialogTarget, RegExp]>([
    [
      "a user who never started the bot",
      { kind: "not-reachable", userId: 5150 },
      /Telegram lets a bot write only to people who started it/,
    ],
    [
      "a username that is not a client of the bot",
      { kind: "unknown-username", username: "stranger" },
      /cannot look people up by username.*Use \/new USER_ID/,
    ],
    [
      "an id an account has never met",
      { kind: "account-unreachable", userId: 5150 },
      /account cannot reach 5150: .*only once it has met them.*Try \/new @username/,
    ],
    [
      "a username Telegram does not know",
      { kind: "no-such-username", username: "stranger" },
      /no user @stranger/,
    ],
    ["Telegram could not be asked", { kind: "lookup-failed" }, /Try again in a minute/],
  ])("%s", (_name, target, expected) => {
    const decision = decideNew("/new 5150", alone(target));
    expect(decision.createDialog).toBeUndefined();
    expect(answers(decision)).toEqual([expect.stringMatching(expected)]);
    expect(decision.jobs).toHaveLength(1);
  });

  test.each([
    ["no argument", "/new"],
    ["a word that is no username", "/new jo"],
    ["a negative id (groups cannot be written to first)", "/new -100123"],
    ["too many arguments", "/new 5150 imain extra"],
    ["a bad connection suffix", "/new 5150 main"],
  ])("wrong arguments (%s) get the usage", (_name, text) => {
    const decision = decideNew(text, alone());
    expect(decision.createDialog).toBeUndefined();
    expect(answers(decision)).toEqual([expect.stringContaining("Usage: /new USER_ID or /new @username")]);
  });

  test("outside General it says where it works", () => {
    const context = contextFor(operatorMessage({ text: "/new 5150" }), {
      extra: { newDialog: alone({ kind: "found", user: USER }) },
    });
    const decision = decide(context);
    expect(decision.createDialog).toBeUndefined();
    expect(answers(decision)).toEqual(["/new works in the General topic."]);
  });

  test("someone who is not a member of the group is refused", () => {
    const decision = decideNew("/new 5150", alone({ kind: "found", user: USER }), {
      extra: {
        caller: {
          userId: OPERATOR.id,
          role: undefined,
          member: { status: "left", canRestrictMembers: false },
        },
      },
    });
    expect(decision.createDialog).toBeUndefined();
    expect(answers(decision)).toEqual(["⛔ /new is for members of this group."]);
  });
});

describe("/new in a backend group several connections share", () => {
  const shared = (target?: NewDialogTarget): NewDialogFacts =>
    target ? { groupConnections: ["alpha", "main"], target } : { groupConnections: ["alpha", "main"] };

  test("without i<connection> the first connection asks which one, the others stay silent", () => {
    const first = decideNew("/new 5150", shared(), { connection: "alpha" });
    const second = decideNew("/new 5150", shared(), { connection: "main" });
    expect(answers(first)).toEqual([expect.stringContaining("add which one, e.g. /new 5150 ialpha")]);
    expect(second.jobs).toEqual([]);
    expect(second.ignored).toBeDefined();
  });

  test("the named connection opens the dialog; the others stay silent", () => {
    const named = decideNew("/new 5150 imain", shared({ kind: "found", user: USER }), { connection: "main" });
    const other = decideNew("/new 5150 imain", shared(), { connection: "alpha" });
    expect(named.createDialog).toMatchObject({ clientChatId: 5150 });
    expect(other.jobs).toEqual([]);
  });

  test("a connection that is not in the group is named in the answer, once", () => {
    const first = decideNew("/new 5150 ibeta", shared(), { connection: "alpha" });
    const second = decideNew("/new 5150 ibeta", shared(), { connection: "main" });
    expect(answers(first)).toEqual(["No connection “beta” in this group. Here: ialpha, imain."]);
    expect(second.jobs).toEqual([]);
  });
});

describe("parseNewArguments", () => {
  test.each([
    ["5150", { ok: true, who: { kind: "id", userId: 5150 } }],
    ["@Sam_Stone", { ok: true, who: { kind: "username", username: "Sam_Stone" } }],
    ["sam_stone", { ok: true, who: { kind: "username", username: "sam_stone" } }],
    ["5150   imy-bot", { ok: true, who: { kind: "id", userId: 5150 }, connectionId: "my-bot" }],
  ])("%s", (args, expected) => {
    expect(parseNewArguments(args)).toEqual(expected);
  });

  test.each(["", "0", "99999999999999999", "@abc", "1a", "5150 i", "5150 iBad_Id"])("refuses %j", (args) => {
    expect(parseNewArguments(args).ok).toBe(false);
  });
});

describe("/help", () => {
  test("names /new, with both forms and where it works", () => {
    const decision = decide(contextFor(operatorMessage({ text: "/help", threadId: undefined })));
    expect(answers(decision)[0]).toContain(
      "/new USER_ID or /new @username — in the General topic: open a dialog and write first",
    );
  });
});
