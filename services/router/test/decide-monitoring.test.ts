import { DialogStatus, type InboundEvent, type MessageInfo } from "@topicdesk/contracts";
import { decide } from "../src/decide/decide.ts";
import type { Decision } from "../src/decide/decision.ts";
import { clientMessage, contextFor, dialog, NOW, operatorMessage } from "./context-factory.ts";

/**
 * Group and channel monitoring (reference §6, §2 MONITOR_GROUPS … LEAVE_CLOSED, spec decision 4):
 * one topic per monitored chat, keyword activation, chats that stay closed, and no welcome posted
 * into a group unless WELCOME was set on purpose.
 */

const GROUP = { id: -1002000000001, title: "Partners Chat" };
const CHANNEL = { id: -1003000000001, title: "Shop News" };
const MEMBER = { id: 5151, isBot: false, firstName: "Max", lastName: "Mustermann", languageCode: "de" };

let nextMessageId = 1;

function monitoredEvent(
  chat: InboundEvent["chat"],
  from: InboundEvent["from"],
  message: Partial<MessageInfo>,
): InboundEvent {
  const messageId = nextMessageId++;
  const event: InboundEvent = {
    v: 1,
    id: `main:mt.${chat.id}.${messageId}`,
    connectionId: "main",
    receivedAt: NOW.getTime(),
    kind: "message",
    chat,
    message: { messageId, date: 0, content: "text", text: "hello all", ...message },
  };
  if (from) event.from = from;
  return event;
}

/** A member's message in a group the connection is in (a supergroup unless said otherwise). */
function groupMessage(message: Partial<MessageInfo> = {}, type: "group" | "supergroup" = "supergroup") {
  return monitoredEvent({ id: GROUP.id, type, title: GROUP.title }, MEMBER, message);
}

/** A post in a channel the connection is in: channel posts have no author. */
function channelPost(message: Partial<MessageInfo> = {}) {
  return monitoredEvent(
    { id: CHANNEL.id, type: "channel", title: CHANNEL.title, username: "shopnews" },
    undefined,
    message,
  );
}

function groupDialog(status: DialogStatus) {
  return dialog(status, {
    clientChatId: GROUP.id,
    chatType: "supergroup",
    firstName: null,
    lastName: null,
    username: null,
    title: GROUP.title,
  });
}

function channelDialog(status: DialogStatus) {
  return dialog(status, {
    clientChatId: CHANNEL.id,
    chatType: "channel",
    firstName: null,
    lastName: null,
    username: "shopnews",
    title: CHANNEL.title,
  });
}

const jobTypes = (decision: Decision) => decision.jobs.map((job) => job.type);
const opens = (decision: Decision) => decision.createDialog !== undefined;
const welcomes = (decision: Decision) =>
  decision.jobs.filter((job) => job.type === "text.send" && job.target.kind === "client");

describe("MONITOR_GROUPS", () => {
  test.each(["group", "supergroup"] as const)("is off by default: a %s's message opens nothing", (type) => {
    const decision = decide(contextFor(groupMessage({}, type)));
    expect(decision.ignored).toBe("MONITOR_GROUPS is off");
    expect(decision.jobs).toEqual([]);
    expect(decision.createDialog).toBeUndefined();
  });

  test("on: a group's first message opens one topic named after the group, with its card and the copy, and no welcome", () => {
    const decision = decide(
      contextFor(groupMessage({ text: "who can help?" }), { params: { MONITOR_GROUPS: "TRUE" } }),
    );
    expect(decision.createDialog).toMatchObject({
      clientChatId: GROUP.id,
      chatType: "supergroup",
      status: DialogStatus.UserAnswered,
      title: GROUP.title,
      // The member who wrote is not the dialog's client: the group is.
      firstName: null,
      lastName: null,
    });
    expect(jobTypes(decision)).toEqual(["topic.create", "text.send", "copy.to-topic"]);
    expect(decision.jobs[0]).toMatchObject({ name: `🟪 ${GROUP.title} · ${GROUP.id}` });
    const card = decision.jobs[1];
    expect(card?.type === "text.send" && card.text).toContain(GROUP.title);
    expect(card?.type === "text.send" && card.text).not.toContain(MEMBER.firstName);
    expect(decision.jobs[2]).toMatchObject({ fromChatId: GROUP.id, lane: "group" });
    // Nobody in a group is told that a message of theirs could not reach the team.
    expect(decision.jobs[2]).not.toHaveProperty("notifyClientOnFailure");
    expect(decision.domainEvents.map((event) => event.kind)).toEqual(["dialog.opened", "message.inbound"]);
  });

  test("a basic group is monitored like a supergroup", () => {
    const decision = decide(contextFor(groupMessage({}, "group"), { params: { MONITOR_GROUPS: "TRUE" } }));
    expect(decision.createDialog).toMatchObject({ chatType: "group", title: GROUP.title });
  });

  test("a second message of a monitored group goes into its topic", () => {
    const decision = decide(
      contextFor(groupMessage(), {
        params: { MONITOR_GROUPS: "TRUE" },
        dialog: groupDialog(DialogStatus.UserAnswered),
      }),
    );
    expect(jobTypes(decision)).toEqual(["copy.to-topic"]);
  });

  test("does not turn channels on", () => {
    expect(decide(contextFor(channelPost(), { params: { MONITOR_GROUPS: "TRUE" } })).ignored).toBe(
      "MONITOR_CHANNELS is off",
    );
  });

  test("HIDE_INFO title hides the group's name in its topic", () => {
    const decision = decide(
      contextFor(groupMessage(), { params: { MONITOR_GROUPS: "TRUE", HIDE_INFO: '"title"' } }),
    );
    const name = decision.jobs[0]?.type === "topic.create" ? decision.jobs[0].name : "";
    expect(name).not.toContain(GROUP.title);
    expect(name).not.toContain(String(GROUP.id));
  });

  test("IGNORE_CHATS with the group's id keeps it out", () => {
    const params = { MONITOR_GROUPS: "TRUE", IGNORE_CHATS: `${GROUP.id}` };
    expect(decide(contextFor(groupMessage(), { params })).ignored).toBe("chat is in IGNORE_CHATS");
  });
});

describe("MONITOR_CHANNELS", () => {
  test("is off by default: a channel post opens nothing", () => {
    const decision = decide(contextFor(channelPost()));
    expect(decision.ignored).toBe("MONITOR_CHANNELS is off");
    expect(decision.jobs).toEqual([]);
  });

  test("on: a channel's post opens a topic named after the channel, without a welcome", () => {
    const decision = decide(
      contextFor(channelPost({ text: "New prices" }), { params: { MONITOR_CHANNELS: "TRUE" } }),
    );
    expect(decision.createDialog).toMatchObject({
      clientChatId: CHANNEL.id,
      chatType: "channel",
      title: CHANNEL.title,
      username: "shopnews",
    });
    expect(jobTypes(decision)).toEqual(["topic.create", "text.send", "copy.to-topic"]);
    expect(decision.jobs[0]).toMatchObject({ name: `🟪 ${CHANNEL.title} · ${CHANNEL.id}` });
  });

  test("does not turn groups on", () => {
    expect(decide(contextFor(groupMessage(), { params: { MONITOR_CHANNELS: "TRUE" } })).ignored).toBe(
      "MONITOR_GROUPS is off",
    );
  });
});

describe("the welcome in monitored chats (spec decision 4)", () => {
  test("the default welcome is never posted into a group or a channel", () => {
    const params = { MONITOR_GROUPS: "TRUE", MONITOR_CHANNELS: "TRUE" };
    expect(welcomes(decide(contextFor(groupMessage(), { params })))).toEqual([]);
    expect(welcomes(decide(contextFor(channelPost(), { params })))).toEqual([]);
    expect(
      welcomes(decide(contextFor(groupMessage(), { params, dialog: groupDialog(DialogStatus.Closed) }))),
    ).toEqual([]);
  });

  test("a WELCOME set explicitly is posted into the group, on opening and on every reopening", () => {
    const params = { MONITOR_GROUPS: "TRUE", WELCOME: "Hi {title}, we read along\\." };
    const opened = welcomes(decide(contextFor(groupMessage(), { params })));
    expect(opened).toEqual([
      expect.objectContaining({
        lane: "chat",
        text: `Hi ${GROUP.title}, we read along\\.`,
        parseMode: "MarkdownV2",
      }),
    ]);
    const reopened = decide(contextFor(groupMessage(), { params, dialog: groupDialog(DialogStatus.Closed) }));
    expect(welcomes(reopened)).toHaveLength(1);
  });

  test("a private chat keeps its default welcome while groups are monitored", () => {
    const decision = decide(contextFor(clientMessage(), { params: { MONITOR_GROUPS: "TRUE" } }));
    expect(welcomes(decision)).toHaveLength(1);
  });
});

describe("GROUPS_KEYWORDS and CHANNELS_KEYWORDS", () => {
  const groups = (keywords: string) => ({ MONITOR_GROUPS: "TRUE", GROUPS_KEYWORDS: keywords });

  test("a matching message opens the group's topic, case-insensitively; one without a keyword opens nothing", () => {
    const params = groups('"invoice", "refund"');
    expect(opens(decide(contextFor(groupMessage({ text: "Where is my INVOICE?" }), { params })))).toBe(true);
    const quiet = decide(contextFor(groupMessage({ text: "good morning everyone" }), { params }));
    expect(quiet.ignored).toMatch(/keyword filter/);
    expect(quiet.jobs).toEqual([]);
  });

  test('["word3","word4"] needs both words', () => {
    const params = groups('["order", "late"]');
    expect(opens(decide(contextFor(groupMessage({ text: "my order is late" }), { params })))).toBe(true);
    expect(opens(decide(contextFor(groupMessage({ text: "my order arrived" }), { params })))).toBe(false);
  });

  test('["word5","~word6"] needs the first word and not the second', () => {
    const params = groups('"urgent", ["price", "~old"]');
    expect(opens(decide(contextFor(groupMessage({ text: "new price list?" }), { params })))).toBe(true);
    expect(opens(decide(contextFor(groupMessage({ text: "the old price list" }), { params })))).toBe(false);
    expect(opens(decide(contextFor(groupMessage({ text: "old but urgent" }), { params })))).toBe(true);
  });

  test("a caption counts as the message's text; a photo without one cannot match", () => {
    const params = groups('"invoice"');
    const captioned = groupMessage({ content: "photo", text: "invoice attached" });
    expect(opens(decide(contextFor(captioned, { params })))).toBe(true);
    const bare = groupMessage({ content: "photo" });
    delete bare.message?.text;
    expect(opens(decide(contextFor(bare, { params })))).toBe(false);
  });

  test("once the topic is active (🟪 or 🟨) every message flows without filtering", () => {
    const params = groups('"invoice"');
    for (const status of [DialogStatus.UserAnswered, DialogStatus.SupportAnswered]) {
      const decision = decide(
        contextFor(groupMessage({ text: "thanks!" }), { params, dialog: groupDialog(status) }),
      );
      expect(jobTypes(decision)).toContain("copy.to-topic");
    }
  });

  test("a closed topic is activated again only by a matching message", () => {
    const params = groups('"invoice"');
    const closed = groupDialog(DialogStatus.Closed);
    expect(decide(contextFor(groupMessage({ text: "thanks!" }), { params, dialog: closed })).jobs).toEqual(
      [],
    );
    const matching = decide(
      contextFor(groupMessage({ text: "one more invoice" }), { params, dialog: closed }),
    );
    expect(matching.patchDialog?.status).toBe(DialogStatus.UserAnswered);
    expect(jobTypes(matching)).toEqual(["topic.set-open", "topic.rename", "copy.to-topic"]);
  });

  test("GROUPS_KEYWORDS filters only groups: private chats and channels are not held back by it", () => {
    const params = { ...groups('"invoice"'), MONITOR_CHANNELS: "TRUE" };
    expect(opens(decide(contextFor(clientMessage({ text: "hello" }), { params })))).toBe(true);
    expect(opens(decide(contextFor(channelPost({ text: "hello" }), { params })))).toBe(true);
  });

  test("CHANNELS_KEYWORDS filters channel posts, and only them", () => {
    const params = {
      MONITOR_CHANNELS: "TRUE",
      MONITOR_GROUPS: "TRUE",
      CHANNELS_KEYWORDS: '"sale", ["new", "~old"]',
    };
    expect(opens(decide(contextFor(channelPost({ text: "Big SALE today" }), { params })))).toBe(true);
    expect(opens(decide(contextFor(channelPost({ text: "new arrivals" }), { params })))).toBe(true);
    expect(opens(decide(contextFor(channelPost({ text: "new old stock" }), { params })))).toBe(false);
    expect(opens(decide(contextFor(channelPost({ text: "opening hours" }), { params })))).toBe(false);
    expect(opens(decide(contextFor(groupMessage({ text: "opening hours" }), { params })))).toBe(true);
  });

  test("PRIVATE_KEYWORDS does not filter groups", () => {
    const params = { MONITOR_GROUPS: "TRUE", PRIVATE_KEYWORDS: '"operator"' };
    expect(opens(decide(contextFor(groupMessage({ text: "hello" }), { params })))).toBe(true);
    expect(opens(decide(contextFor(clientMessage({ text: "hello" }), { params })))).toBe(false);
  });

  test("RESTRICTED_KEYWORDS_FRONTEND keeps a group's message out, keyword or not", () => {
    const params = { ...groups('"invoice"'), RESTRICTED_KEYWORDS_FRONTEND: '"+49"' };
    const decision = decide(contextFor(groupMessage({ text: "invoice to +49 123" }), { params }));
    expect(decision.createDialog).toBeUndefined();
    expect(jobTypes(decision)).not.toContain("copy.to-topic");
  });
});

describe("LEAVE_CLOSED for groups and channels", () => {
  test('"group": a group\'s new topic is born closed, without a welcome even when one is set', () => {
    const params = { MONITOR_GROUPS: "TRUE", LEAVE_CLOSED: '"group"', WELCOME: "Hi\\!" };
    const decision = decide(contextFor(groupMessage(), { params }));
    expect(decision.createDialog?.status).toBe(DialogStatus.Closed);
    expect(decision.jobs[0]).toMatchObject({ name: `⬛️ ${GROUP.title} · ${GROUP.id}` });
    expect(jobTypes(decision)).toEqual(["topic.create", "text.send", "copy.to-topic", "topic.set-open"]);
    expect(decision.jobs[3]).toMatchObject({ open: false });
  });

  test('"group": a closed group topic stays closed on new messages, which are still copied into it', () => {
    const params = { MONITOR_GROUPS: "TRUE", LEAVE_CLOSED: '"group"' };
    const decision = decide(contextFor(groupMessage(), { params, dialog: groupDialog(DialogStatus.Closed) }));
    expect(decision.patchDialog?.status).toBeUndefined();
    expect(jobTypes(decision)).toEqual(["copy.to-topic"]);
    expect(decision.domainEvents.map((event) => event.kind)).toEqual(["message.inbound"]);
  });

  test('"group" with GROUPS_KEYWORDS: not even a matching message reactivates the topic', () => {
    const params = { MONITOR_GROUPS: "TRUE", LEAVE_CLOSED: '"group"', GROUPS_KEYWORDS: '"invoice"' };
    const decision = decide(
      contextFor(groupMessage({ text: "invoice please" }), {
        params,
        dialog: groupDialog(DialogStatus.Closed),
      }),
    );
    expect(decision.patchDialog?.status).toBeUndefined();
    expect(jobTypes(decision)).not.toContain("topic.set-open");
  });

  test('"group" leaves private chats and channels alone', () => {
    const params = { MONITOR_GROUPS: "TRUE", MONITOR_CHANNELS: "TRUE", LEAVE_CLOSED: '"group"' };
    expect(decide(contextFor(clientMessage(), { params })).createDialog?.status).toBe(
      DialogStatus.UserAnswered,
    );
    expect(decide(contextFor(channelPost(), { params })).createDialog?.status).toBe(
      DialogStatus.UserAnswered,
    );
    const reopened = decide(contextFor(clientMessage(), { params, dialog: dialog(DialogStatus.Closed) }));
    expect(reopened.patchDialog?.status).toBe(DialogStatus.UserAnswered);
  });

  test('"channel": a channel\'s topic is born closed and stays closed', () => {
    const params = { MONITOR_CHANNELS: "TRUE", LEAVE_CLOSED: '"channel"' };
    expect(decide(contextFor(channelPost(), { params })).createDialog?.status).toBe(DialogStatus.Closed);
    const later = decide(contextFor(channelPost(), { params, dialog: channelDialog(DialogStatus.Closed) }));
    expect(later.patchDialog?.status).toBeUndefined();
    expect(
      decide(contextFor(groupMessage(), { params: { ...params, MONITOR_GROUPS: "TRUE" } })).createDialog
        ?.status,
    ).toBe(DialogStatus.UserAnswered);
  });

  test("an operator's message in a closed group topic still goes into the group and makes it 🟨", () => {
    const params = { MONITOR_GROUPS: "TRUE", LEAVE_CLOSED: '"group"' };
    const decision = decide(
      contextFor(operatorMessage(), { params, dialog: groupDialog(DialogStatus.Closed) }),
    );
    expect(decision.patchDialog?.status).toBe(DialogStatus.SupportAnswered);
    expect(decision.jobs).toEqual([
      expect.objectContaining({ type: "topic.rename", name: `🟨 ${GROUP.title} · ${GROUP.id}` }),
      expect.objectContaining({ type: "copy.to-client", lane: "chat" }),
    ]);
  });
});

test("an operator's answer in a group's topic is copied to the dialog's chat, the group", () => {
  const decision = decide(
    contextFor(operatorMessage({ text: "We are on it." }), {
      params: { MONITOR_GROUPS: "TRUE" },
      dialog: groupDialog(DialogStatus.UserAnswered),
    }),
  );
  // The job names no chat: delivery sends to the dialog's client chat, which for this dialog is the
  // group (the end-to-end test monitored-group.e2e.test.ts shows the answer arriving there).
  expect(decision.jobs.map((job) => job.type)).toEqual(["topic.rename", "copy.to-client"]);
  expect(decision.jobs[1]).toMatchObject({ fromChatId: operatorMessage().chat.id });
});
