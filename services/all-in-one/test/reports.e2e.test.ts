import type { Message } from "@grammyjs/types";
import { publishDomainEvent } from "@topicdesk/bus";
import { parse } from "csv-parse/sync";
import { bodyOf, type Harness, startHarness } from "./support/e2e-harness.ts";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The rows of a CSV the bot uploaded, parsed back with a CSV parser (header row → keys). */
function csvRows(bytes: Uint8Array): Record<string, string>[] {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parse(new TextDecoder().decode(bytes), { bom: true, columns: true });
}

/** The latest of some times, as ISO text: the export's last contact. */
function latest(...times: (Date | null)[]): string {
  return new Date(Math.max(...times.map((time) => time?.getTime() ?? 0))).toISOString();
}

describe("/stats and /export in the backend group", () => {
  let h: Harness;
  let topicId: number;
  const newMessages = (after: number) =>
    h.topicMessages(topicId).filter((message) => message.message_id > after);
  const lastId = () => h.topicMessages(topicId).at(-1)?.message_id ?? 0;
  const answerAfter = (after: number, has: (message: Message) => unknown, what: string) =>
    h.waitFor(() => newMessages(after).find((message) => has(message)), what);

  beforeAll(async () => {
    h = await startHarness();
    h.clientSays({ text: "Hello, I need help" });
    topicId = await h.topicOf();
    await h.waitFor(
      () => h.topicMessages(topicId).some((m) => bodyOf(m) === "Hello, I need help"),
      "the copy",
    );
    h.operatorSays(topicId, { text: "Happy to help!" });
    await h.waitFor(
      () => h.clientChat().some((m) => m.text === "Happy to help!"),
      "the answer to reach Jane",
    );
  });
  afterAll(async () => {
    await h.stop();
  });

  test("/stats answers in the topic with the figures and a PNG chart", async () => {
    const before = lastId();
    h.operatorSays(topicId, { text: "/stats today" });
    const chart = await answerAfter(before, (m) => m.photo, "the stats chart");
    expect(chart.reply_to_message?.text).toBe("/stats today");
    expect(chart.caption).toContain("Dialogs: 1 new, 0 reopened, 0 closed, 0 unanswered");
    expect(chart.caption).toContain("Messages: 1 in, 1 out");
    expect(chart.caption).toContain("• Olivia (@olivia): 1 messages in 1 dialogs, 1 first answers");
    const largest = chart.photo?.at(-1);
    const png = h.sim.fileContent(largest?.file_id ?? "");
    expect(png?.fileName).toBe("stats-main.png");
    const bytes = png?.bytes ?? new Uint8Array();
    expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // The simulator reads the size from the PNG header, as Telegram would decode it.
    expect({ width: view.getUint32(16), height: view.getUint32(20) }).toEqual({
      width: largest?.width,
      height: largest?.height,
    });
    expect(largest?.width).toBeGreaterThan(600);
  });

  test("/stats with a bad period explains the syntax and sends no chart", async () => {
    const before = lastId();
    h.operatorSays(topicId, { text: "/stats last-week" });
    const answer = await answerAfter(before, (m) => m.text?.startsWith("⚠️"), "the refusal");
    expect(answer.text).toBe(
      '⚠️ "last-week" is not a period; use today, 7d, 30d (any 1d–366d) or YYYY-MM-DD..YYYY-MM-DD.\nUsage: /stats [period]',
    );
    h.operatorSays(topicId, { text: "/stats 2d" });
    await answerAfter(before, (m) => m.photo, "the next chart");
    expect(newMessages(before).filter((m) => m.photo)).toHaveLength(1);
  });

  test("/export sends the client base as a CSV that parses back to the dialog's data", async () => {
    const before = lastId();
    h.operatorSays(topicId, { text: "/export status:support_answered" });
    const file = await answerAfter(before, (m) => m.document, "the export");
    expect(file.caption).toBe("📄 1 dialog (status support_answered)");
    const content = h.sim.fileContent(file.document?.file_id ?? "");
    expect(content?.fileName).toMatch(/^export-main-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = csvRows(content?.bytes ?? new Uint8Array());
    const dialog = await h.database.db.selectFrom("dialogs").selectAll().executeTakeFirstOrThrow();
    expect(rows).toEqual([
      {
        connection: "main",
        dialog_id: String(dialog.id),
        user_id: String(h.client.id),
        username: "@jane_doe",
        name: "Jane Doe",
        language: "en",
        chat_type: "private",
        status: "support_answered",
        labels: "",
        first_contact: dialog.created_at.toISOString(),
        last_contact: latest(
          dialog.created_at,
          dialog.last_client_message_at,
          dialog.last_operator_message_at,
        ),
        messages_in: "1",
        messages_out: "1",
        last_operator: "Olivia (@olivia)",
      },
    ]);
  });

  test("/export with HIDE_INFO name leaves out names, ids and usernames", async () => {
    await h.setParameter("HIDE_INFO", "name");
    const before = lastId();
    h.operatorSays(topicId, { text: "/export" });
    const file = await answerAfter(before, (m) => m.document, "the masked export");
    const [row] = csvRows(h.sim.fileContent(file.document?.file_id ?? "")?.bytes ?? new Uint8Array());
    expect(row).toMatchObject({ user_id: "", username: "", name: "", language: "en", messages_in: "1" });
    await h.setParameter("HIDE_INFO", "OFF");
  });

  test("/export with a filter nothing matches says so; a bad filter gets the usage", async () => {
    const before = lastId();
    h.operatorSays(topicId, { text: "/export label:nobody" });
    await answerAfter(
      before,
      (m) => m.text === "No client dialogs match (label nobody).",
      "the empty answer",
    );
    h.operatorSays(topicId, { text: "/export status:lost" });
    const refusal = await answerAfter(before, (m) => m.text?.startsWith("⚠️"), "the refusal");
    expect(refusal.text).toContain('"lost" is not a status');
    expect(refusal.text).toContain("Usage: /export");
    expect(newMessages(before).some((m) => m.document)).toBe(false);
  });

  test("a command.invoked event published by any producer is answered once, in General when it has no thread", async () => {
    const general = () =>
      h.sim.messages(h.groupId).filter((m) => m.message_thread_id === undefined && m.document);
    const event = {
      v: 1 as const,
      id: `direct-${Date.now()}`,
      kind: "command.invoked" as const,
      connectionId: h.config.connectionId,
      at: Date.now(),
      command: {
        name: "export",
        args: "",
        callerId: h.operator.id,
        callerRole: "admin" as const,
        backendChatId: h.groupId,
        messageId: 1,
      },
    };
    await publishDomainEvent(h.stack.bus, h.stack.naming, event);
    await publishDomainEvent(h.stack.bus, h.stack.naming, event);
    await h.waitFor(() => general().length === 1, "the export in General");
    // A command of another module is not ours to answer.
    await publishDomainEvent(h.stack.bus, h.stack.naming, {
      ...event,
      id: `${event.id}-send`,
      command: { ...event.command, name: "send" },
    });
    await publishDomainEvent(h.stack.bus, h.stack.naming, { ...event, id: `${event.id}-again` });
    await h.waitFor(() => general().length === 2, "the second export");
    expect(general()).toHaveLength(2);
  });
});
