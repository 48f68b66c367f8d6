import { ApiKeyRepository, LabelRepository } from "@topicdesk/db";
import { bodyOf, type Harness, startHarness } from "./support/e2e-harness.ts";

let harness: Harness;
let apiUrl: string;
let key: string;

beforeAll(async () => {
  harness = await startHarness();
  apiUrl = harness.stack.api()?.url ?? "";
  key = (
    await new ApiKeyRepository(harness.database.db).issue({
      connectionId: "main",
      label: "e2e",
      scopes: ["write"],
    })
  ).key;
});
afterAll(async () => harness.stop());

async function call(
  method: string,
  path: string,
  body?: object,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

test("an integrator creates a payments topic and posts into it: the message appears with its button", async () => {
  const topic = await call("PUT", "/v1/connections/main/topics/payments", { name: "Payments" });
  expect(topic.status).toBe(201);
  const topicId = topic.json.topicId as number;
  const posted = await call("POST", "/v1/connections/main/topics/payments/messages", {
    text: "<b>Payment received</b>: 10 EUR",
    parseMode: "HTML",
    buttons: [[{ text: "Open invoice", url: "https://example.com/invoice/1" }]],
  });
  expect(posted.status).toBe(200);
  expect(posted.json).toMatchObject({ status: "sent", topicId });
  const [message] = harness.topicMessages(topicId);
  expect(message?.message_id).toBe(posted.json.messageId);
  expect(message?.text).toBe("Payment received: 10 EUR");
  expect(message?.entities).toEqual([expect.objectContaining({ type: "bold" })]);
  expect(message?.reply_markup).toEqual({
    inline_keyboard: [[{ text: "Open invoice", url: "https://example.com/invoice/1" }]],
  });
  const status = await call("GET", posted.json.statusUrl as string);
  expect(status.json).toMatchObject({ status: "sent", messageId: posted.json.messageId });
});

test("a post Telegram refuses answers 502 with the reason", async () => {
  await call("PUT", "/v1/connections/main/topics/news", { name: "News" });
  const refused = await call("POST", "/v1/connections/main/topics/news/messages", {
    text: "*broken",
    parseMode: "MarkdownV2",
  });
  expect(refused.status).toBe(502);
  expect(refused.json.message).toContain("bad-request");
});

test("closing and reopening a client's dialog through the API runs the router's /close and /hold", async () => {
  harness.clientSays({ text: "Hello, my order is late" });
  const topicId = await harness.topicOf();
  const dialog = await harness.database.db.selectFrom("dialogs").select("id").executeTakeFirstOrThrow();
  const note = await call("POST", `/v1/connections/main/dialogs/${dialog.id}/messages`, {
    text: "CRM: order 42 shipped",
  });
  expect(note.status).toBe(200);
  await harness.waitFor(
    () => harness.topicMessages(topicId).some((m) => bodyOf(m) === "CRM: order 42 shipped"),
    "the note",
  );
  expect(harness.clientChat().some((m) => bodyOf(m)?.includes("CRM"))).toBe(false);

  const closed = await call("POST", `/v1/connections/main/dialogs/${dialog.id}/close`);
  expect(closed.status).toBe(200);
  expect(closed.json.status).toBe("closed");
  await harness.waitFor(
    () =>
      harness.sim
        .topics(harness.groupId)
        .find((t) => t.threadId === topicId && t.closed && t.name.startsWith("⬛️")),
    "the topic closed and renamed",
  );
  const reopened = await call("POST", `/v1/connections/main/dialogs/${dialog.id}/reopen`, {});
  expect(reopened.json.status).toBe("user_answered");
  await harness.waitFor(
    () =>
      harness.sim
        .topics(harness.groupId)
        .find((t) => t.threadId === topicId && !t.closed && t.name.startsWith("🟪")),
    "the topic reopened",
  );
});

test("a file uploaded by multipart reaches the topic as a document and answers with its message id", async () => {
  await call("PUT", "/v1/connections/main/topics/invoices", { name: "Invoices" });
  const bytes = new TextEncoder().encode("%PDF-1.4 invoice 42\n");
  const form = new FormData();
  form.append("text", "Invoice 42");
  form.append("file", new Blob([bytes], { type: "application/pdf" }), "invoice-42.pdf");
  const response = await fetch(`${apiUrl}/v1/connections/main/topics/invoices/files`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}` },
    body: form,
  });
  const posted = (await response.json()) as Record<string, unknown>;
  expect(response.status).toBe(200);
  expect(posted).toMatchObject({ status: "sent", messageId: expect.any(Number) });
  const message = harness
    .topicMessages(posted.topicId as number)
    .find((m) => m.message_id === posted.messageId);
  expect(message?.caption).toBe("Invoice 42");
  expect(message?.document).toMatchObject({ file_name: "invoice-42.pdf", mime_type: "application/pdf" });
  expect(harness.sim.fileContent(message?.document?.file_id ?? "")?.bytes).toEqual(bytes);
});

test("tagging and untagging a dialog through the API runs the router's /mark", async () => {
  await new LabelRepository(harness.database.db).create("main", "vip", null);
  harness.clientSays({ text: "Do you ship abroad?" });
  const topicId = await harness.topicOf();
  const dialog = await harness.database.db.selectFrom("dialogs").select("id").executeTakeFirstOrThrow();
  const tagged = await call("POST", `/v1/connections/main/dialogs/${dialog.id}/tag`, { label: "vip" });
  expect(tagged.status).toBe(200);
  expect(tagged.json.labels).toEqual(["vip"]);
  await harness.waitFor(
    () => harness.topicMessages(topicId).some((m) => bodyOf(m)?.includes("Label “vip” added")),
    "the router's notice in the topic",
  );
  const untagged = await call("POST", `/v1/connections/main/dialogs/${dialog.id}/untag`, { label: "vip" });
  expect(untagged.status).toBe(200);
  expect(untagged.json.labels).toEqual([]);
  const unknown = await call("POST", `/v1/connections/main/dialogs/${dialog.id}/tag`, { label: "gold" });
  expect(unknown.status).toBe(422);
});
