import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { WebhookKeyRepository } from "@topicdesk/db";
import { SIGNATURE_HEADER, verifyWebhookSignature } from "@topicdesk/webhooks";
import { Compile } from "typebox/schema";
import { parse } from "yaml";
import { bodyOf, type Harness, startHarness } from "./support/e2e-harness.ts";

/** A team's receiver: answers /invoice, fails on /broken, records every POST with its signature check. */
async function startReceiver(signingSecret: () => Promise<string>) {
  const seen: Array<{
    path: string;
    body: { event_type: string; data: Record<string, unknown> };
    signed: boolean;
  }> = [];
  const server = createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk: Buffer) => {
      raw += chunk.toString("utf8");
    });
    request.on("end", async () => {
      const header = request.headers[SIGNATURE_HEADER] as string | undefined;
      const signed = verifyWebhookSignature(await signingSecret(), header, raw).ok;
      const body = JSON.parse(raw);
      seen.push({ path: request.url ?? "", body, signed });
      if (request.url === "/broken") {
        response.writeHead(500).end();
        return;
      }
      const answer =
        body.event_type === "/invoice"
          ? { message: `Invoice for ${body.data.command_data} sent`, status: "ok" }
          : {};
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    seen,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("webhooks and domain events, end to end", () => {
  let harness: Harness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let subscription: ReturnType<Harness["stack"]["bus"]["nc"]["subscribe"]>;
  const events: Array<{ subject: string; payload: Record<string, unknown> }> = [];

  beforeAll(async () => {
    harness = await startHarness({
      params: { WELCOME: "OFF", CUSTOM_COMMANDS: "invoice" },
      webhookSettings: {
        attempts: 2,
        backoffMs: 20,
        pauseAfterFailures: 2,
        topicPollMs: 50,
        replayPollMs: 100,
      },
    });
    receiver = await startReceiver(async () => {
      const keys = await new WebhookKeyRepository(harness.database.db, harness.stack.secretBox).ensure(
        harness.config.connectionId,
      );
      return keys.signingSecret;
    });
    await harness.setParameter(
      "WEBHOOKS",
      JSON.stringify({
        [receiver.url("/crm")]: [
          "dialog_created",
          "message_received",
          "message_sent",
          "dialog_closed",
          "/invoice",
        ],
      }),
    );
    // An integrator's subscriber: ten lines in the README do the same on `td.evt.>`.
    subscription = harness.stack.bus.nc.subscribe(harness.stack.naming.eventsSubjects, {
      callback: (_error, msg) => {
        events.push({ subject: msg.subject, payload: msg.json() });
      },
    });
  });
  afterAll(async () => {
    subscription?.unsubscribe();
    await receiver?.close();
    await harness?.stop();
  });

  test("a custom command goes to its webhook and the answer appears as a reply in the topic", async () => {
    harness.clientSays({ text: "I would like an invoice" });
    const topicId = await harness.topicOf();
    await harness.waitFor(
      () => harness.topicMessages(topicId).some((message) => bodyOf(message) === "I would like an invoice"),
      "the copy",
    );
    const command = harness.operatorSays(topicId, { text: "/invoice order 7" });
    const answer = await harness.waitFor(
      () => harness.topicMessages(topicId).find((message) => bodyOf(message) === "Invoice for order 7 sent"),
      "the answer in the topic",
    );
    expect(answer.reply_to_message?.message_id).toBe(command.message_id);
    expect(
      harness.topicMessages(topicId).some((message) => bodyOf(message)?.includes("Unknown command")),
    ).toBe(false);
    const call = receiver.seen.find((request) => request.body.event_type === "/invoice");
    expect(call?.signed).toBe(true);
    expect(call?.body.data).toMatchObject({
      command_data: "order 7",
      topic_id: topicId,
      user_id: harness.client.id,
    });
  });

  test("the dialog's events reach the receiver signed, with ids from the topic", async () => {
    const topicId = await harness.topicOf();
    harness.operatorSays(topicId, { text: "Here you are" });
    await harness.waitFor(
      () => harness.clientChat().some((message) => bodyOf(message) === "Here you are"),
      "the reply",
    );
    harness.operatorSays(topicId, { text: "/close" });
    await harness.waitFor(
      () => receiver.seen.some((request) => request.body.event_type === "dialog_closed"),
      "dialog_closed",
    );
    const types = receiver.seen.map((request) => request.body.event_type);
    expect(types).toEqual(
      expect.arrayContaining(["dialog_created", "message_received", "message_sent", "dialog_closed"]),
    );
    expect(receiver.seen.every((request) => request.signed)).toBe(true);
    const created = receiver.seen.find((request) => request.body.event_type === "dialog_created");
    expect(created?.body.data).toMatchObject({
      topic_id: topicId,
      user_id: harness.client.id,
      chat_id: harness.groupId,
    });
  });

  test("a receiver that keeps failing is paused and the General topic says so", async () => {
    await harness.setParameter(
      "WEBHOOKS",
      JSON.stringify({ [receiver.url("/broken")]: ["dialog_reopened"] }),
    );
    const failedPosts = () => receiver.seen.filter((request) => request.path === "/broken").length;
    // The dialog was closed above: each client message reopens it, and each reopen fails twice.
    harness.clientSays({ text: "one more question" });
    await harness.waitFor(() => failedPosts() === 2, "the first reopen's two attempts");
    harness.operatorSays(await harness.topicOf(), { text: "/close" });
    await harness.waitFor(
      () => events.filter((event) => event.payload.kind === "dialog.closed").length === 2,
      "the close",
    );
    harness.clientSays({ text: "and another" });
    const notice = await harness.waitFor(
      () =>
        harness.sim.messages(harness.groupId, {}).find((message) => bodyOf(message)?.includes("is paused")),
      "the paused notice in the group",
    );
    expect(failedPosts()).toBe(4);
    expect(notice.message_thread_id).toBeUndefined();
    expect(bodyOf(notice)).toContain(new URL(receiver.url("/broken")).origin);
    expect(bodyOf(notice)).not.toContain("/broken");
  });

  test("a subscriber receives every kind the run produced, each valid against docs/asyncapi.yaml", async () => {
    const document = parse(readFileSync(new URL("../../../docs/asyncapi.yaml", import.meta.url), "utf8")) as {
      components: {
        messages: Record<string, { name: string; payload: { $ref: string } }>;
        schemas: Record<string, object>;
      };
    };
    const schemaOfKind = new Map(
      Object.values(document.components.messages).map((message) => [
        message.name,
        Compile(document.components.schemas[message.payload.$ref.split("/").pop() ?? ""] ?? {}),
      ]),
    );
    harness.sim.failNext("copyMessage", {
      errorCode: 400,
      description: "Bad Request: message to copy not found",
      count: 1,
    });
    harness.clientSays({ text: "this one Telegram refuses" });
    const produced = [
      "message.failed",
      "dialog.opened",
      "dialog.reopened",
      "dialog.closed",
      "dialog.status",
      "message.inbound",
      "message.delivered",
      "command.invoked",
    ];
    await harness.waitFor(
      () => produced.every((kind) => events.some((event) => event.payload.kind === kind)),
      "every kind",
    );
    for (const event of events) {
      const validator = schemaOfKind.get(String(event.payload.kind));
      expect({ subject: event.subject, valid: validator?.Check(event.payload) }).toEqual({
        subject: event.subject,
        valid: true,
      });
      expect(event.subject.endsWith(`.${harness.config.connectionId}.${event.payload.kind}`)).toBe(true);
    }
  });

  test("commands listed only in WEBHOOKS fire their webhook; a built-in one still does its work", async () => {
    await harness.setParameter("WEBHOOKS", JSON.stringify({ [receiver.url("/desk")]: ["/note", "/close"] }));
    const topicId = await harness.topicOf();
    const atDesk = (type: string) =>
      receiver.seen.find((request) => request.path === "/desk" && request.body.event_type === type);
    // `/note` is in neither CUSTOM_COMMANDS nor the router's commands: the webhook is what knows it.
    harness.operatorSays(topicId, { text: "/note called back" });
    const note = await harness.waitFor(() => atDesk("/note"), "the /note webhook");
    expect(note.signed).toBe(true);
    expect(note.body.data).toMatchObject({ command_data: "called back", topic_id: topicId });
    expect(
      harness.topicMessages(topicId).some((message) => bodyOf(message)?.includes("Unknown command")),
    ).toBe(false);
    // The client's last message reopened the dialog: this /close has work to do.
    expect(harness.sim.topics(harness.groupId).find((t) => t.threadId === topicId)?.closed).toBe(false);
    harness.operatorSays(topicId, { text: "/close" });
    await harness.waitFor(() => atDesk("/close"), "the /close webhook");
    await harness.waitFor(
      () => harness.sim.topics(harness.groupId).find((t) => t.threadId === topicId && t.closed),
      "the topic closed by the built-in /close",
    );
  });
});
