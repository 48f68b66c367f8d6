import {
  ConnectionRepository,
  createTestDatabase,
  DialogRepository,
  LabelRepository,
  TemplateRepository,
  type TestDatabase,
} from "../src/index.ts";
import { aConnection, aDialog, BACKEND_CHAT_ID, box } from "./fixtures.ts";

let testDb: TestDatabase;
let connectionId: string;
let otherConnectionId: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  const connections = new ConnectionRepository(testDb.db);
  connectionId = (await connections.create(aConnection(), box)).id;
  otherConnectionId = (await connections.create(aConnection(), box)).id;
});

afterAll(async () => {
  await testDb.drop();
});

describe("template repository (quick replies)", () => {
  test("keeps references per connection, replaces by name, deletes once", async () => {
    const templates = new TemplateRepository(testDb.db);
    const reply = {
      connection_id: connectionId,
      name: "hello",
      chat_id: BACKEND_CHAT_ID,
      thread_id: 5,
      saved_by: 42,
    };
    await templates.save({ ...reply, message_ids: [10] });
    await templates.save({ ...reply, message_ids: [20, 21] });

    expect(await templates.list(connectionId)).toEqual([
      expect.objectContaining({
        name: "hello",
        chat_id: BACKEND_CHAT_ID,
        thread_id: 5,
        message_ids: [20, 21],
      }),
    ]);
    expect(await templates.list(otherConnectionId)).toEqual([]);
    expect(await templates.delete(connectionId, "hello")).toBe(true);
    expect(await templates.delete(connectionId, "hello")).toBe(false);
  });

  test("an empty or oversized album is refused by the database", async () => {
    const templates = new TemplateRepository(testDb.db);
    const reply = {
      connection_id: connectionId,
      name: "bad",
      chat_id: BACKEND_CHAT_ID,
      thread_id: null,
      saved_by: null,
    };
    await expect(templates.save({ ...reply, message_ids: [] })).rejects.toThrow();
    await expect(
      templates.save({ ...reply, message_ids: Array.from({ length: 11 }, (_, i) => i) }),
    ).rejects.toThrow();
  });
});

describe("label repository", () => {
  test("a rename follows the label onto its dialogs and into other labels' after lists", async () => {
    const labels = new LabelRepository(testDb.db);
    const dialogs = new DialogRepository(testDb.db);
    expect(await labels.create(connectionId, "lead", 42)).toBe(true);
    expect(await labels.create(connectionId, "lead", 42)).toBe(false);
    await labels.create(connectionId, "paid", 42);
    await labels.update(connectionId, "paid", { removes: ["lead"], ticker: "💰", sendsTemplate: "thanks" });
    const dialog = await dialogs.create(aDialog(connectionId, { labels: ["lead", "vip"] }));

    await labels.rename(connectionId, "lead", "prospect");

    expect((await dialogs.getById(dialog.id))?.labels).toEqual(["prospect", "vip"]);
    expect(await labels.list(connectionId)).toEqual([
      expect.objectContaining({
        name: "paid",
        removes: ["prospect"],
        ticker: "💰",
        sends_template: "thanks",
      }),
      expect.objectContaining({ name: "prospect" }),
    ]);
    expect((await labels.dialogsWith(connectionId, "prospect")).map((row) => row.id)).toEqual([dialog.id]);
  });

  test("a deleted label leaves every dialog and after list", async () => {
    const labels = new LabelRepository(testDb.db);
    const dialogs = new DialogRepository(testDb.db);
    await labels.create(connectionId, "cold", null);
    await labels.create(connectionId, "warm", null);
    await labels.update(connectionId, "warm", { removes: ["cold"] });
    const dialog = await dialogs.create(aDialog(connectionId, { labels: ["cold"] }));

    await labels.delete(connectionId, "cold");

    expect((await dialogs.getById(dialog.id))?.labels).toEqual([]);
    expect((await labels.list(connectionId)).find((row) => row.name === "warm")?.removes).toEqual([]);
    expect(await labels.dialogsWith(connectionId, "cold")).toEqual([]);
  });

  test("label names are checked by the database too", async () => {
    await expect(new LabelRepository(testDb.db).create(connectionId, "Not OK", null)).rejects.toThrow();
  });
});
