import { unannouncedConnectionChanges } from "@topicdesk/connections";
import {
  ConnectionRepository,
  createSecretBox,
  createTestDatabase,
  ParameterRepository,
  type TestDatabase,
  WebhookDeadLetterRepository,
  WebhookReceiverRepository,
} from "@topicdesk/db";
import { CliError } from "../src/cli-error.ts";
import {
  addWebhook,
  listDeadLetters,
  listWebhooks,
  removeWebhook,
  replayDeadLetters,
  resumeWebhook,
  setWebhookEvents,
  showWebhookKeys,
} from "../src/commands/webhook-commands.ts";

describe("pnpm topicdesk webhook", () => {
  let database: TestDatabase;
  const box = createSecretBox("cli-webhook-test-key");
  // The announcement itself is tested with the writes in @topicdesk/connections.
  const changes = unannouncedConnectionChanges;
  beforeAll(async () => {
    database = await createTestDatabase();
    await new ConnectionRepository(database.db).create(
      { id: "main", kind: "bot", title: "@bot", backend_chat_id: -1001, token: "1:x" },
      box,
    );
  });
  afterAll(async () => {
    await database.drop();
  });

  test("add registers a receiver with its own secret; list shows it beside the WEBHOOKS ones", async () => {
    const added = await addWebhook(
      database.db,
      box,
      changes,
      "main",
      "https://crm.example/hook",
      "dialog_created, /Invoice",
    );
    expect(added).toMatch(/Receiver #\d+ added/);
    expect(added).toMatch(/whsec_/);
    await new ParameterRepository(database.db).set(
      "main",
      "WEBHOOKS",
      '{"https://n8n.example/x": ["dialog_closed"]}',
    );
    const listed = await listWebhooks(database.db, box, "main");
    expect(listed).toContain("WEBHOOKS  https://n8n.example/x  dialog_closed");
    expect(listed).toMatch(/#\d+ {2}https:\/\/crm\.example\/hook {2}dialog_created, \/invoice/);
  });

  test("a bad URL or event is refused with the parameter's explanation and adds nothing", async () => {
    await expect(
      addWebhook(database.db, box, changes, "main", "ftp://x.example", "dialog_created"),
    ).rejects.toThrow(/http/);
    await expect(
      addWebhook(database.db, box, changes, "main", "https://x.example", "dialog_opened"),
    ).rejects.toThrow(/neither an event/);
    await expect(
      addWebhook(database.db, box, changes, "main", "https://crm.example/hook", "dialog_closed"),
    ).rejects.toThrow(/already has a receiver/);
    expect(await listWebhooks(database.db, box, "main")).not.toContain("x.example");
  });

  test("remove takes a receiver of this connection by id", async () => {
    await expect(removeWebhook(database.db, box, changes, "main", "999")).rejects.toBeInstanceOf(CliError);
    const added = await addWebhook(
      database.db,
      box,
      changes,
      "main",
      "https://tmp.example/h",
      "dialog_closed",
    );
    const id = added.match(/#(\d+)/)?.[1] ?? "";
    await expect(removeWebhook(database.db, box, changes, "main", id)).resolves.toContain("removed");
  });

  test("events replaces a receiver's events by the same rules, only for a receiver of this connection", async () => {
    const added = await addWebhook(
      database.db,
      box,
      changes,
      "main",
      "https://ev.example/h",
      "dialog_closed",
    );
    const id = added.match(/#(\d+)/)?.[1] ?? "";
    await expect(
      setWebhookEvents(database.db, box, changes, "main", id, "/Refund, dialog_created"),
    ).resolves.toBe(`Receiver #${id} now gets: /refund, dialog_created.`);
    await expect(setWebhookEvents(database.db, box, changes, "main", id, "bogus")).rejects.toThrow(
      /neither an event/,
    );
    await expect(setWebhookEvents(database.db, box, changes, "other", id, "/x")).rejects.toThrow(
      /no receiver/,
    );
    expect(await listWebhooks(database.db, box, "main")).toContain(
      "https://ev.example/h  /refund, dialog_created",
    );
  });

  test("keys shows the same keys until rotated", async () => {
    const first = await showWebhookKeys(database.db, box, "main");
    expect(await showWebhookKeys(database.db, box, "main")).toBe(first);
    expect(await showWebhookKeys(database.db, box, "main", { rotate: true })).not.toBe(first);
  });

  test("dead letters are listed without the URL's path, and replay asks for them once", async () => {
    const letters = new WebhookDeadLetterRepository(database.db);
    const letter = await letters.add({
      connectionId: "main",
      url: "https://crm.example/secret-path",
      eventType: "dialog_created",
      eventId: "e1",
      job: { any: "job" },
      attempts: 8,
      lastError: "HTTP 503",
    });
    const listed = await listDeadLetters(database.db, "main");
    expect(listed).toContain(`#${letter.id}`);
    expect(listed).toContain("https://crm.example  8 attempts, HTTP 503");
    expect(listed).not.toContain("secret-path");
    await expect(replayDeadLetters(database.db, "main", [])).resolves.toContain(`#${letter.id}`);
    expect((await letters.list("main"))[0]?.replay_requested_at).toBeInstanceOf(Date);
    await expect(replayDeadLetters(database.db, "other", [String(letter.id)])).rejects.toBeInstanceOf(
      CliError,
    );
    await expect(replayDeadLetters(database.db, "main", ["abc"])).rejects.toThrow(/not an id/);
  });

  test("resume unpauses a paused receiver only", async () => {
    const receivers = new WebhookReceiverRepository(database.db);
    await expect(resumeWebhook(database.db, "main", "https://crm.example/hook")).rejects.toBeInstanceOf(
      CliError,
    );
    await receivers.recordFailure("main", "https://crm.example/hook", "HTTP 500", new Date());
    await receivers.pause("main", "https://crm.example/hook", new Date());
    expect(await listWebhooks(database.db, box, "main")).toContain("PAUSED");
    await expect(resumeWebhook(database.db, "main", "https://crm.example/hook")).resolves.toContain(
      "resumed",
    );
    expect(await receivers.isPaused("main", "https://crm.example/hook")).toBe(false);
  });
});
