import {
  ConnectionRepository,
  createTestDatabase,
  type Dialog,
  DialogRepository,
  MessageLinkRepository,
  type NewMessageLink,
  type TestDatabase,
} from "../src/index.ts";
import { aConnection, aDialog, BACKEND_CHAT_ID, box } from "./fixtures.ts";

let testDb: TestDatabase;
let links: MessageLinkRepository;
let dialog: Dialog;

beforeAll(async () => {
  testDb = await createTestDatabase();
  links = new MessageLinkRepository(testDb.db);
  const connection = await new ConnectionRepository(testDb.db).create(aConnection(), box);
  dialog = await new DialogRepository(testDb.db).create(aDialog(connection.id));
});

afterAll(async () => {
  await testDb.drop();
});

let nextMessageId = 1000;
function aLink(overrides: Partial<NewMessageLink> = {}): NewMessageLink {
  nextMessageId += 1;
  return {
    dialog_id: dialog.id,
    direction: "inbound",
    client_chat_id: dialog.client_chat_id,
    client_message_id: nextMessageId,
    backend_chat_id: BACKEND_CHAT_ID,
    topic_message_id: nextMessageId + 50_000,
    ...overrides,
  };
}

async function countLinks(clientMessageId: number): Promise<number> {
  const rows = await testDb.db
    .selectFrom("message_links")
    .select("id")
    .where("client_message_id", "=", clientMessageId)
    .execute();
  return rows.length;
}

describe("message link repository", () => {
  test("a link is found from either side", async () => {
    const link = aLink({ direction: "outbound" });
    expect(await links.record(link)).toBe(true);
    expect(await links.findTopicMessage(dialog.id, link.client_message_id)).toBe(link.topic_message_id);
    expect(await links.findClientMessage(BACKEND_CHAT_ID, link.topic_message_id)).toEqual({
      dialogId: dialog.id,
      clientChatId: dialog.client_chat_id,
      clientMessageId: link.client_message_id,
      direction: "outbound",
    });
  });

  test("unknown messages have no link", async () => {
    expect(await links.findTopicMessage(dialog.id, 1)).toBeUndefined();
    expect(await links.findClientMessage(BACKEND_CHAT_ID, 1)).toBeUndefined();
  });

  test("recording the same link twice (a replayed delivery) keeps one row", async () => {
    const link = aLink();
    expect(await links.record(link)).toBe(true);
    expect(await links.record(link)).toBe(false);
    expect(await countLinks(link.client_message_id)).toBe(1);
  });

  test("a topic message already linked to another client message is not linked again", async () => {
    const link = aLink();
    await links.record(link);
    const clash = aLink({ topic_message_id: link.topic_message_id });
    expect(await links.record(clash)).toBe(false);
    expect(await links.findTopicMessage(dialog.id, clash.client_message_id)).toBeUndefined();
  });

  test("an album's links are recorded at once, and recording them again adds only the missing ones", async () => {
    const album = [aLink(), aLink(), aLink()];
    expect(await links.recordMany(album.slice(0, 2))).toBe(2);
    expect(await links.recordMany(album)).toBe(1);
    expect(await links.recordMany([])).toBe(0);
  });

  test("prune deletes links older than the cutoff and keeps newer ones", async () => {
    const old = aLink({ created_at: new Date("2020-01-01T00:00:00Z") });
    const recent = aLink();
    await links.recordMany([old, recent]);
    expect(await links.prune(new Date("2021-01-01T00:00:00Z"))).toBe(1);
    expect(await countLinks(old.client_message_id)).toBe(0);
    expect(await countLinks(recent.client_message_id)).toBe(1);
  });
});
