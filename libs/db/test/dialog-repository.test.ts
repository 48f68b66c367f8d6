import { DialogStatus } from "@topicdesk/contracts";
import {
  ConnectionRepository,
  createTestDatabase,
  DialogAlreadyExistsError,
  DialogRepository,
  type TestDatabase,
} from "../src/index.ts";
import { aConnection, aDialog, BACKEND_CHAT_ID, box } from "./fixtures.ts";

let testDb: TestDatabase;
let dialogs: DialogRepository;
let connectionId: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  dialogs = new DialogRepository(testDb.db);
  connectionId = (await new ConnectionRepository(testDb.db).create(aConnection(), box)).id;
});

afterAll(async () => {
  await testDb.drop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

describe("dialog repository", () => {
  test("a created dialog has defaults and is found by its client chat and by id", async () => {
    const created = await dialogs.create(aDialog(connectionId, { client_chat_id: 6_123_456_789 }));
    expect(created).toMatchObject({
      connection_id: connectionId,
      client_chat_id: 6_123_456_789,
      topic_id: null,
      blocked: false,
      banned: false,
      labels: [],
      closed_at: null,
    });
    expect(await dialogs.findByClientChat(connectionId, 6_123_456_789)).toEqual(created);
    expect(await dialogs.getById(created.id)).toEqual(created);
    expect(await dialogs.findByClientChat(connectionId, 1)).toBeUndefined();
  });

  test("a second dialog for the same client chat is refused with a named error", async () => {
    const input = aDialog(connectionId);
    await dialogs.create(input);
    const second = dialogs.create({ ...input, first_name: "Someone else" });
    await expect(second).rejects.toThrow(DialogAlreadyExistsError);
    await expect(second).rejects.toMatchObject({ connectionId, clientChatId: input.client_chat_id });
  });

  test("the same client chat may have a dialog on each of two connections", async () => {
    const other = await new ConnectionRepository(testDb.db).create(aConnection(), box);
    const input = aDialog(connectionId);
    await dialogs.create(input);
    await expect(dialogs.create({ ...input, connection_id: other.id })).resolves.toMatchObject({
      connection_id: other.id,
    });
  });

  test("setTopic links a dialog to its topic, which then finds it; one topic serves one dialog", async () => {
    const dialog = await dialogs.create(aDialog(connectionId));
    const linked = await dialogs.setTopic(dialog.id, 77);
    expect(linked?.topic_id).toBe(77);
    expect((await dialogs.findByTopic(BACKEND_CHAT_ID, 77))?.id).toBe(dialog.id);
    expect(await dialogs.findByTopic(BACKEND_CHAT_ID, 78)).toBeUndefined();
    const another = await dialogs.create(aDialog(connectionId));
    await expect(dialogs.setTopic(another.id, 77)).rejects.toThrow(/dialogs_backend_topic_key/);
  });

  test("update applies a patch and stamps updated_at", async () => {
    const dialog = await dialogs.create(aDialog(connectionId));
    await sleep(5);
    const updated = await dialogs.update(dialog.id, {
      labels: ["vip", "billing"],
      blocked: true,
      phone: "+100",
    });
    expect(updated).toMatchObject({ labels: ["vip", "billing"], blocked: true, phone: "+100" });
    expect(updated?.updated_at.getTime()).toBeGreaterThan(dialog.updated_at.getTime());
    expect(updated?.status_changed_at).toEqual(dialog.status_changed_at);
    expect(await dialogs.update(-1, { blocked: true })).toBeUndefined();
  });

  test("status_changed_at moves only when the status really changes", async () => {
    const dialog = await dialogs.create(aDialog(connectionId));
    await sleep(5);
    const same = await dialogs.update(dialog.id, { status: DialogStatus.UserAnswered });
    expect(same?.status_changed_at).toEqual(dialog.status_changed_at);
    const changed = await dialogs.update(dialog.id, { status: DialogStatus.Closed, closed_at: new Date() });
    expect(changed?.status).toBe(DialogStatus.Closed);
    expect(changed?.status_changed_at.getTime()).toBeGreaterThan(dialog.status_changed_at.getTime());
  });

  test("auto-close candidates are the support-answered dialogs whose status clock started before the cutoff", async () => {
    const connection = await new ConnectionRepository(testDb.db).create(aConnection(), box);
    const answered = (hours: number, status: DialogStatus = DialogStatus.SupportAnswered) =>
      dialogs.create(aDialog(connection.id, { status, status_changed_at: hoursAgo(hours) }));
    const stale = await answered(30);
    const staler = await answered(50);
    await answered(2);
    await answered(40, DialogStatus.UserAnswered);
    await answered(40, DialogStatus.Closed);
    await dialogs.create(
      aDialog(connectionId, { status: DialogStatus.SupportAnswered, status_changed_at: hoursAgo(99) }),
    );
    const due = await dialogs.listSupportAnsweredBefore(connection.id, hoursAgo(24));
    expect(due.map((dialog) => dialog.id)).toEqual([staler.id, stale.id]);
  });
});
