import {
  AlbumRepository,
  ConnectionRepository,
  createTestDatabase,
  DialogRepository,
  EventLedger,
  MessageLinkRepository,
  pruneExpired,
  type TestDatabase,
} from "../src/index.ts";
import { aConnection, aDialog, BACKEND_CHAT_ID, box } from "./fixtures.ts";

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});

afterAll(async () => {
  await testDb.drop();
});

const now = new Date("2030-06-01T00:00:00Z");
const daysBefore = (days: number) => new Date(now.getTime() - days * 86_400_000);

describe("pruneExpired", () => {
  test("deletes links after 90 days, processed events after 7 and album parts after 1, keeping younger rows", async () => {
    const { db } = testDb;
    const connection = await new ConnectionRepository(db).create(aConnection(), box);
    const dialog = await new DialogRepository(db).create(aDialog(connection.id));
    const link = (id: number, created_at: Date) => ({
      dialog_id: dialog.id,
      direction: "inbound" as const,
      client_chat_id: dialog.client_chat_id,
      client_message_id: id,
      backend_chat_id: BACKEND_CHAT_ID,
      topic_message_id: id,
      created_at,
    });
    await new MessageLinkRepository(db).recordMany([link(1, daysBefore(91)), link(2, daysBefore(89))]);
    await db
      .insertInto("processed_events")
      .values([
        { event_id: "old", processed_at: daysBefore(8) },
        { event_id: "young", processed_at: daysBefore(6) },
      ])
      .execute();
    const part = (message_id: number, created_at: Date) => ({
      connection_id: connection.id,
      chat_id: dialog.client_chat_id,
      media_group_id: "g",
      message_id,
      created_at,
    });
    await db
      .insertInto("album_parts")
      .values([part(1, daysBefore(2)), part(2, now)])
      .execute();

    expect(await pruneExpired(db, now)).toEqual({ messageLinks: 1, processedEvents: 1, albumParts: 1 });
    expect(await new MessageLinkRepository(db).findTopicMessage(dialog.id, 2)).toBe(2);
    expect(await new EventLedger(db).markProcessed("young")).toBe(false);
    expect(await new AlbumRepository(db).parts(connection.id, dialog.client_chat_id, "g")).toEqual([2]);
  });
});
