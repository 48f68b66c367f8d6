import type { DeliveryJob } from "@topicdesk/contracts";
import { createTestDatabase, EventLedger, type TestDatabase } from "../src/index.ts";

let testDb: TestDatabase;
let ledger: EventLedger;

beforeAll(async () => {
  testDb = await createTestDatabase();
  ledger = new EventLedger(testDb.db);
});

afterAll(async () => {
  await testDb.drop();
});

function aCopyJob(eventId: string, index: number): DeliveryJob {
  return {
    v: 1,
    id: `${eventId}:${index}`,
    connectionId: "bot-1",
    causeEventId: eventId,
    type: "copy.to-topic",
    dialogId: 12,
    fromChatId: 5_000_000_001,
    messageIds: [index + 1],
  };
}

describe("event ledger", () => {
  test("an event is new the first time and already processed the second", async () => {
    expect(await ledger.markProcessed("bot-1:100")).toBe(true);
    expect(await ledger.markProcessed("bot-1:100")).toBe(false);
    expect(await ledger.markProcessed("bot-1:101")).toBe(true);
  });

  test("forgetting a connection's events makes its ids new again, and leaves other connections alone", async () => {
    await ledger.markProcessed("demo:1");
    await ledger.markProcessed("demo-2:1");
    expect(await ledger.forgetConnection("demo")).toBe(1);
    expect(await ledger.markProcessed("demo:1")).toBe(true);
    expect(await ledger.markProcessed("demo-2:1")).toBe(false);
  });

  test("outbox jobs come back as written, oldest first, and are gone once deleted", async () => {
    const jobs = [aCopyJob("bot-1:200", 0), aCopyJob("bot-1:200", 1)];
    const added = await ledger.addOutbox(
      "bot-1:200",
      jobs.map((job) => ({ queue: "td-group.-1001234567890", job })),
    );
    expect(added).toHaveLength(2);
    await ledger.addOutbox("bot-1:201", [{ queue: "td-bot.bot-1", job: aCopyJob("bot-1:201", 0) }]);

    const pending = await ledger.pendingOutbox("bot-1:200");
    expect(pending.map((entry) => entry.job)).toEqual(jobs);
    expect(pending.map((entry) => entry.queue)).toEqual([
      "td-group.-1001234567890",
      "td-group.-1001234567890",
    ]);
    expect((await ledger.pendingOutbox()).map((entry) => entry.event_id)).toEqual([
      "bot-1:200",
      "bot-1:200",
      "bot-1:201",
    ]);

    expect(await ledger.deleteOutbox(pending.map((entry) => entry.id))).toBe(2);
    expect(await ledger.pendingOutbox("bot-1:200")).toEqual([]);
    expect(await ledger.pendingOutbox()).toHaveLength(1);
  });

  test("writing no jobs or deleting no ids does nothing", async () => {
    expect(await ledger.addOutbox("bot-1:300", [])).toEqual([]);
    expect(await ledger.deleteOutbox([])).toBe(0);
  });

  test("an event and its jobs are written together or not at all", async () => {
    const failure = testDb.db.transaction().execute(async (trx) => {
      const inTransaction = new EventLedger(trx);
      await inTransaction.markProcessed("bot-1:400");
      await inTransaction.addOutbox("bot-1:400", [{ queue: "td-bot.bot-1", job: aCopyJob("bot-1:400", 0) }]);
      throw new Error("router crashed before commit");
    });
    await expect(failure).rejects.toThrow("router crashed before commit");
    expect(await ledger.pendingOutbox("bot-1:400")).toEqual([]);
    expect(await ledger.markProcessed("bot-1:400")).toBe(true);
  });

  test("prune forgets events processed before the cutoff", async () => {
    await testDb.db
      .insertInto("processed_events")
      .values({ event_id: "bot-1:old", processed_at: new Date("2020-01-01T00:00:00Z") })
      .execute();
    expect(await ledger.prune(new Date("2021-01-01T00:00:00Z"))).toBe(1);
    expect(await ledger.markProcessed("bot-1:old")).toBe(true);
    expect(await ledger.markProcessed("bot-1:100")).toBe(false);
  });
});
