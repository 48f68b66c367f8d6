import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ApiKeyRepository, WebhookKeyRepository } from "@topicdesk/db";
import { SIGNATURE_HEADER, verifyWebhookSignature } from "@topicdesk/webhooks";
import { Compile } from "typebox/schema";
import { parse } from "yaml";
import { bodyOf, type Harness, startHarness } from "./support/e2e-harness.ts";

/**
 * A team's receiver: answers /invoice, fails on /broken (and on the paths in `failing`), records
 * every POST with its signature check. Receivers registered through the API have their own secret
 * (`secrets` by path); the others are signed with the connection's.
 */
async function startReceiver(signingSecret: () => Promise<string>) {
  const secrets = new Map<string, string>();
  const failing = new Set<string>();
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
      const secret = secrets.get(request.url ?? "") ?? (await signingSecret());
      const signed = verifyWebhookSignature(secret, header, raw).ok;
      const body = JSON.parse(raw);
      seen.push({ path: request.url ?? "", body, signed });
      if (request.url === "/broken" || failing.has(request.url ?? "")) {
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
    secrets,
    failing,
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
  /** The HTTP API of the running stack, with an admin key of the connection. */
  const api = async (method: "GET" | "POST", path: string, body?: object) => {
    const { key } = await new ApiKeyRepository(harness.database.db).issue({
      connectionId: harness.config.connectionId,
      label: "webhooks-e2e",
      scopes: ["admin"],
    });
    return await fetch(`${harness.stack.api()?.url}/v1/connections/${harness.config.connectionId}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  };
  const invoiceCalls = (commandData: string) =>
    receiver.seen.filter(
      (request) =>
        request.path === "/api-hook" &&
        request.body.event_type === "/invoice" &&
        request.body.data.command_data === commandData,
    );

  test("a receiver registered through the API for /invoice gets the signed command; its answer appears in the topic", async () => {
    // From here /invoice is in neither CUSTOM_COMMANDS nor WEBHOOKS: only the receiver registered
    // below makes the router publish it.
    await harness.setParameter("CUSTOM_COMMANDS", "OFF");
    await harness.unsetParameter("WEBHOOKS");
    const registered = await api("POST", "/webhooks", {
      url: receiver.url("/api-hook"),
      events: ["/invoice"],
    });
    expect(registered.status).toBe(201);
    receiver.secrets.set("/api-hook", ((await registered.json()) as { secret: string }).secret);
    harness.clientSays({ text: "an invoice, please" });
    const topicId = await harness.topicOf();
    await harness.waitFor(
      () => harness.topicMessages(topicId).some((message) => bodyOf(message) === "an invoice, please"),
      "the copy",
    );
    const command = harness.operatorSays(topicId, { text: "/invoice 7" });
    const answer = await harness.waitFor(
      () => harness.topicMessages(topicId).find((message) => bodyOf(message) === "Invoice for 7 sent"),
      "the API receiver's answer in the topic",
    );
    expect(answer.reply_to_message?.message_id).toBe(command.message_id);
    const [call] = invoiceCalls("7");
    expect(call?.signed).toBe(true);
    expect(call?.body.data).toMatchObject({ command_data: "7", topic_id: topicId });
    expect(
      harness.topicMessages(topicId).some((message) => bodyOf(message)?.includes("Unknown command")),
    ).toBe(false);
  });

  test("a dead letter replayed through the API reaches the receiver", async () => {
    receiver.failing.add("/api-hook");
    const topicId = await harness.topicOf();
    harness.operatorSays(topicId, { text: "/invoice 8" });
    const letter = await harness.waitFor(async () => {
      const letters = (await (await api("GET", "/webhooks/dead-letters")).json()) as Array<{
        id: number;
        eventType: string;
        url: string;
      }>;
      return letters.find((row) => row.eventType === "/invoice" && row.url === receiver.url("/api-hook"));
    }, "the dead letter of /invoice 8");
    // Both attempts of the harness's settings failed.
    expect(invoiceCalls("8")).toHaveLength(2);
    receiver.failing.delete("/api-hook");
    const replay = await api("POST", `/webhooks/dead-letters/${letter.id}/replay`);
    expect(replay.status).toBe(202);
    expect(await replay.json()).toEqual({ replaying: [letter.id] });
    await harness.waitFor(() => invoiceCalls("8").length === 3, "the replayed delivery");
    expect(invoiceCalls("8")[2]?.signed).toBe(true);
    await harness.waitFor(
      () => harness.topicMessages(topicId).some((message) => bodyOf(message) === "Invoice for 8 sent"),
      "the replayed command's answer in the topic",
    );
  });
});
