import {
  DialogRepository,
  ParameterRepository,
  WebhookDeadLetterRepository,
  WebhookEndpointRepository,
  WebhookKeyRepository,
  WebhookReceiverRepository,
} from "@topicdesk/db";
import { SIGNATURE_HEADER, verifyWebhookSignature } from "../src/index.ts";
import {
  BACKEND_CHAT_ID,
  BOT_USER_ID,
  CONNECTION_ID,
  startWebhookWorld,
  type WebhookWorld,
  waitFor,
} from "./webhook-fixtures.ts";

describe("outgoing webhooks", () => {
  let world: WebhookWorld;
  const subscribe = (subscriptions: Record<string, string[]>) =>
    new ParameterRepository(world.database.db).set(CONNECTION_ID, "WEBHOOKS", JSON.stringify(subscriptions));

  beforeAll(async () => {
    world = await startWebhookWorld();
  });
  afterAll(async () => {
    await world?.stop();
  });

  test("a dialog_created event reaches the receiver signed, in the reference's shape", async () => {
    await subscribe({ [world.receiver.url("/created")]: ["dialog_created"] });
    const event = await world.publish({
      id: "open",
      kind: "dialog.opened",
      dialogId: world.dialogId,
      clientChatId: 5551,
    });
    const [request] = await waitFor("the POST", () => {
      const requests = world.receiver.requests("/created");
      return requests.length > 0 ? requests : undefined;
    });
    const keys = await new WebhookKeyRepository(world.database.db, world.secretBox).ensure(CONNECTION_ID);
    const check = verifyWebhookSignature(
      keys.signingSecret,
      request?.headers[SIGNATURE_HEADER] as string,
      request?.rawBody ?? "",
    );
    expect(check).toEqual({ ok: true });
    expect(
      verifyWebhookSignature(
        "another secret",
        request?.headers[SIGNATURE_HEADER] as string,
        request?.rawBody ?? "",
      ).ok,
    ).toBe(false);
    expect(request?.body).toMatchObject({
      v: 1,
      event_type: "dialog_created",
      event_id: event.id,
      instance_id: CONNECTION_ID,
      api_key: keys.apiKey,
      data: {
        chat_id: BACKEND_CHAT_ID,
        thread_id: 77,
        topic_id: 77,
        topic_link: "https://t.me/c/1234567890/77",
        user_id: 5551,
        frontend_chat_id: 5551,
        frontend_user_id: BOT_USER_ID,
        chat_type: "private",
        title: "🟪 Jane Doe · 5551",
        department: "default",
      },
    });
    expect(request?.body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(request?.headers["topicdesk-event"]).toBe("dialog_created");
  });

  test("only subscribed events are sent, and HIDE_INFO name keeps the client's ids out", async () => {
    await subscribe({ [world.receiver.url("/closed")]: ["dialog_closed"] });
    const parameters = new ParameterRepository(world.database.db);
    await parameters.set(CONNECTION_ID, "HIDE_INFO", "name");
    // The router names topics of hidden clients by their pseudonym; the body repeats that name.
    const dialogs = new DialogRepository(world.database.db);
    await dialogs.update(world.dialogId, { topic_name: "🟪 Kasumi Hana" });
    await world.publish({ id: "reopen", kind: "dialog.reopened", dialogId: world.dialogId });
    const closed = await world.publish({
      id: "close",
      kind: "dialog.closed",
      dialogId: world.dialogId,
      operatorId: 900,
    });
    const [request] = await waitFor("the POST", () => {
      const requests = world.receiver.requests("/closed");
      return requests.length > 0 ? requests : undefined;
    });
    await parameters.unset(CONNECTION_ID, "HIDE_INFO");
    await dialogs.update(world.dialogId, { topic_name: "🟪 Jane Doe · 5551" });
    expect(request?.body.event_id).toBe(closed.id);
    expect(request?.body.data).toMatchObject({
      user_id: null,
      frontend_chat_id: null,
      operator_id: 900,
      topic_id: 77,
    });
    expect(request?.body.data.title).toBe("🟪 Kasumi Hana");
    expect(request?.rawBody).not.toContain("5551");
    expect(
      world.receiver.requests().filter((seen) => seen.body.event_type === "dialog_reopened"),
    ).toHaveLength(0);
  });

  test("message_sent names the operator's message in the topic and its copy in the client chat", async () => {
    await subscribe({ [world.receiver.url("/messages")]: ["message_sent", "message_received"] });
    await world.database.db
      .insertInto("message_links")
      .values([
        {
          dialog_id: world.dialogId,
          direction: "outbound",
          client_chat_id: 5551,
          client_message_id: 31,
          backend_chat_id: BACKEND_CHAT_ID,
          topic_message_id: 301,
        },
        {
          dialog_id: world.dialogId,
          direction: "inbound",
          client_chat_id: 5551,
          client_message_id: 32,
          backend_chat_id: BACKEND_CHAT_ID,
          topic_message_id: 302,
        },
      ])
      .execute();
    await world.publish({
      id: "sent",
      kind: "message.delivered",
      dialogId: world.dialogId,
      messageIds: [301],
      operatorId: 900,
    });
    await world.publish({
      id: "received",
      kind: "message.delivered",
      dialogId: world.dialogId,
      messageIds: [32],
    });
    const requests = await waitFor("both POSTs", () => {
      const seen = world.receiver.requests("/messages");
      return seen.length === 2 ? seen : undefined;
    });
    const byType = Object.fromEntries(
      requests.map((request) => [request.body.event_type, request.body.data]),
    );
    expect(byType.message_sent).toMatchObject({
      backend_message_id: 301,
      frontend_message_id: 31,
      sender_user_id: 900,
    });
    expect(byType.message_received).toMatchObject({
      backend_message_id: 302,
      frontend_message_id: 32,
      sender_user_id: 5551,
    });
  });

  test("a receiver registered through the API signs with its own secret", async () => {
    await subscribe({});
    const { secret } = await new WebhookEndpointRepository(world.database.db, world.secretBox).create({
      connectionId: CONNECTION_ID,
      url: world.receiver.url("/api-receiver"),
      events: ["dialog_reopened"],
    });
    await world.publish({ id: "reopen-api", kind: "dialog.reopened", dialogId: world.dialogId });
    const [request] = await waitFor("the POST", () => {
      const requests = world.receiver.requests("/api-receiver");
      return requests.length > 0 ? requests : undefined;
    });
    expect(
      verifyWebhookSignature(secret, request?.headers[SIGNATURE_HEADER] as string, request?.rawBody ?? ""),
    ).toEqual({ ok: true });
  });

  test("dialog_created waits for the topic the delivery service is still creating", async () => {
    const dialogs = new DialogRepository(world.database.db);
    const fresh = await dialogs.create({
      connection_id: CONNECTION_ID,
      client_chat_id: 6001,
      chat_type: "private",
      backend_chat_id: BACKEND_CHAT_ID,
      topic_id: null,
      status: "user_answered",
      first_name: "Ann",
      last_name: null,
      username: null,
      language_code: null,
      phone: null,
      title: null,
      start_param: null,
    });
    await subscribe({ [world.receiver.url("/late-topic")]: ["dialog_created"] });
    await world.publish({ id: "open-late", kind: "dialog.opened", dialogId: fresh.id });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(world.receiver.requests("/late-topic")).toHaveLength(0);
    await dialogs.setTopic(fresh.id, 88);
    const [request] = await waitFor("the POST", () => {
      const requests = world.receiver.requests("/late-topic");
      return requests.length > 0 ? requests : undefined;
    });
    expect(request?.body.data).toMatchObject({ topic_id: 88, user_id: 6001 });
  });

  test("a failing receiver is retried, then dead-lettered; a replay delivers the same event", async () => {
    const path = "/flaky";
    let healthy = false;
    world.receiver.respond(path, () => (healthy ? { status: 200 } : { status: 503 }));
    await subscribe({ [world.receiver.url(path)]: ["dialog_reopened"] });
    const event = await world.publish({
      id: "reopen-flaky",
      kind: "dialog.reopened",
      dialogId: world.dialogId,
    });
    const letters = new WebhookDeadLetterRepository(world.database.db);
    const [letter] = await waitFor("the dead letter", async () => {
      const found = await letters.list(CONNECTION_ID, { url: world.receiver.url(path) });
      return found.length > 0 ? found : undefined;
    });
    expect(world.receiver.requests(path)).toHaveLength(3);
    expect(letter).toMatchObject({
      event_type: "dialog_reopened",
      event_id: event.id,
      attempts: 3,
      last_error: "HTTP 503",
    });
    const receiverState = (await new WebhookReceiverRepository(world.database.db).list(CONNECTION_ID)).find(
      (receiver) => receiver.url === world.receiver.url(path),
    );
    expect(receiverState).toMatchObject({ consecutive_failures: 1, paused_at: null });

    healthy = true;
    expect(await letters.requestReplay(CONNECTION_ID, [letter?.id ?? 0])).toEqual([letter?.id]);
    await waitFor("the replayed POST", () => world.receiver.requests(path).length === 4);
    expect(world.receiver.requests(path)[3]?.body.event_id).toBe(event.id);
    await waitFor(
      "the letter marked replayed",
      async () => (await letters.list(CONNECTION_ID, { url: world.receiver.url(path) })).length === 0,
    );
    const [replayed] = await letters.list(CONNECTION_ID, {
      url: world.receiver.url(path),
      pendingOnly: false,
    });
    expect(replayed?.replayed_at).toBeInstanceOf(Date);
  });

  test("a receiver that keeps failing is paused and the team is told in the General topic", async () => {
    const path = "/secret-path-abc/broken";
    world.receiver.respond(path, () => ({ status: 400 }));
    await subscribe({ [world.receiver.url(path)]: ["dialog_reopened"] });
    for (const n of [1, 2, 3])
      await world.publish({ id: `reopen-broken-${n}`, kind: "dialog.reopened", dialogId: world.dialogId });
    const notice = await waitFor("the paused notice", async () =>
      (await world.groupJobs()).find((job) => job.type === "text.send" && job.text.includes("is paused")),
    );
    // A 400 is not retried: one POST per event, three events.
    expect(world.receiver.requests(path)).toHaveLength(3);
    expect(notice).toMatchObject({ type: "text.send", target: { kind: "backend" } });
    if (notice.type !== "text.send") throw new Error("unexpected job");
    expect(notice.text).toContain(new URL(world.receiver.url(path)).origin);
    expect(notice.text).not.toContain("secret-path-abc");
    const receivers = new WebhookReceiverRepository(world.database.db);
    expect(await receivers.isPaused(CONNECTION_ID, world.receiver.url(path))).toBe(true);

    await world.publish({ id: "reopen-while-paused", kind: "dialog.reopened", dialogId: world.dialogId });
    const letters = new WebhookDeadLetterRepository(world.database.db);
    await waitFor("the event kept as a dead letter", async () =>
      (await letters.list(CONNECTION_ID, { url: world.receiver.url(path) })).some(
        (letter) => letter.last_error === "receiver paused",
      ),
    );
    expect(world.receiver.requests(path)).toHaveLength(3);
    const notices = (await world.groupJobs()).filter(
      (job) => job.type === "text.send" && job.text.includes("is paused"),
    );
    expect(notices).toHaveLength(1);
  });

  test("a command event's answer is queued as a reply to the command in its topic", async () => {
    world.receiver.respond("/invoice", (request) =>
      request.body.data.command_data === "fail"
        ? { status: 200, json: { error: "no such order" } }
        : { status: 200, json: { message: "Invoice #7 sent", status: "ok" } },
    );
    await subscribe({ [world.receiver.url("/invoice")]: ["/invoice"] });
    const command = (args: string, messageId: number) => ({
      name: "invoice",
      args,
      callerId: 900,
      callerRole: "operator" as const,
      backendChatId: BACKEND_CHAT_ID,
      threadId: 77,
      messageId,
    });
    await world.publish({
      id: "cmd-ok",
      kind: "command.invoked",
      dialogId: world.dialogId,
      command: command("order 7", 501),
    });
    await world.publish({
      id: "cmd-fail",
      kind: "command.invoked",
      dialogId: world.dialogId,
      command: command("fail", 502),
    });
    const answers = await waitFor("both answers", async () => {
      const jobs = (await world.groupJobs()).filter(
        (job) => job.type === "text.send" && job.replyToMessageId !== undefined,
      );
      return jobs.length === 2 ? jobs : undefined;
    });
    const byReply = Object.fromEntries(
      answers.map((job) => [job.type === "text.send" ? job.replyToMessageId : 0, job]),
    );
    expect(byReply[501]).toMatchObject({
      text: "Invoice #7 sent",
      target: { kind: "backend", threadId: 77 },
    });
    expect(byReply[502]).toMatchObject({
      text: "⚠️ no such order",
      target: { kind: "backend", threadId: 77 },
    });
    const [first] = world.receiver.requests("/invoice");
    expect(first?.body).toMatchObject({
      event_type: "/invoice",
      data: { command_data: "order 7", topic_id: 77, message_id: 501, sender_user_id: 900, user_id: 5551 },
    });
  });
});
