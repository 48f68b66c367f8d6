import { createTestDatabase, type TestDatabase } from "@topicdesk/db";
import { queryTeamStats, statsSummaryText, type TeamStats } from "../src/index.ts";
import {
  BOB,
  CONNECTION_ID,
  OLIVIA,
  OTHER_CONNECTION_ID,
  STRANGER,
  seedKnownDesk,
  WEEK,
} from "./known-desk.ts";

describe("team statistics of the known desk's week (figures worked out by hand)", () => {
  let database: TestDatabase;
  let stats: TeamStats;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedKnownDesk(database.db);
    stats = await queryTeamStats(database.db, CONNECTION_ID, WEEK);
  });
  afterAll(async () => {
    await database.drop();
  });

  test("dialogs: 4 new (A, B, C, E), 1 reopened (A), 3 closed (A twice, D), 1 unanswered (C)", () => {
    expect(stats.dialogs).toEqual({ new: 4, reopened: 1, closed: 3, unanswered: 1 });
  });

  test("messages inside the week only: 8 in, 5 out (Dan's Saturday message and Eve's Monday answer fall outside)", () => {
    expect(stats.messages).toEqual({ in: 8, out: 5 });
  });

  test("first response over A1 600 s, A2 1800 s, B 120 s, E 43200 s: median 1200 s, p90 30780 s", () => {
    // percentile_cont interpolates: median between 600 and 1800; p90 at 2.7 of [120, 600, 1800, 43200].
    expect(stats.firstResponse).toEqual({ count: 4, medianSeconds: 1200, p90Seconds: 30780 });
  });

  test("resolution over A1 3600 s and A2 7200 s: median 5400 s, p90 6840 s", () => {
    expect(stats.resolution).toEqual({ count: 2, medianSeconds: 5400, p90Seconds: 6840 });
  });

  test("per operator: messages, dialogs, first answers and closes; a stranger has no name", () => {
    expect(stats.operators).toEqual([
      {
        operatorId: OLIVIA,
        name: "Olivia",
        username: "olivia",
        messages: 2,
        dialogs: 2,
        firstResponses: 3,
        firstResponseMedianSeconds: 600,
        closed: 1,
      },
      {
        operatorId: BOB,
        name: "Bob",
        username: null,
        messages: 2,
        dialogs: 1,
        firstResponses: 1,
        firstResponseMedianSeconds: 1800,
        closed: 1,
      },
      {
        operatorId: STRANGER,
        name: null,
        username: null,
        messages: 1,
        dialogs: 1,
        firstResponses: 0,
        firstResponseMedianSeconds: null,
        closed: 0,
      },
    ]);
  });

  test("load by UTC weekday (Monday first) and hour", () => {
    expect(stats.byWeekday).toEqual([
      { messagesIn: 2, newDialogs: 1 },
      { messagesIn: 2, newDialogs: 1 },
      { messagesIn: 1, newDialogs: 0 },
      { messagesIn: 0, newDialogs: 0 },
      { messagesIn: 0, newDialogs: 0 },
      { messagesIn: 2, newDialogs: 1 },
      { messagesIn: 1, newDialogs: 1 },
    ]);
    const busyHours = Object.fromEntries(
      stats.byHour.flatMap((load, hour) => (load.messagesIn + load.newDialogs > 0 ? [[hour, load]] : [])),
    );
    expect(busyHours).toEqual({
      9: { messagesIn: 2, newDialogs: 1 },
      10: { messagesIn: 2, newDialogs: 1 },
      14: { messagesIn: 1, newDialogs: 0 },
      20: { messagesIn: 1, newDialogs: 1 },
      23: { messagesIn: 2, newDialogs: 1 },
    });
  });

  test("the text summary states the same figures", () => {
    expect(statsSummaryText(stats, CONNECTION_ID)).toBe(
      [
        "📊 main · 2025-03-03 – 2025-03-09",
        "Dialogs: 4 new, 1 reopened, 3 closed, 1 unanswered",
        "Messages: 8 in, 5 out",
        "First response: median 20m, p90 8h 33m (4 answered)",
        "Resolution: median 1h 30m, p90 1h 54m (2 closed)",
        "Operators:",
        "• Olivia (@olivia): 2 messages in 2 dialogs, 3 first answers (median 10m), 1 closed",
        "• Bob: 2 messages in 1 dialogs, 1 first answers (median 30m), 1 closed",
        "• id 13: 1 messages in 1 dialogs, 0 first answers (median —), 0 closed",
        "Busiest (client messages, UTC): Mon, 09:00–10:00",
      ].join("\n"),
    );
  });

  test("another connection's week is its own: one dialog, answered in 60 s, closed in 300 s", async () => {
    const other = await queryTeamStats(database.db, OTHER_CONNECTION_ID, WEEK);
    expect(other.dialogs).toEqual({ new: 1, reopened: 0, closed: 1, unanswered: 0 });
    expect(other.messages).toEqual({ in: 1, out: 1 });
    expect(other.firstResponse).toEqual({ count: 1, medianSeconds: 60, p90Seconds: 60 });
    expect(other.resolution).toEqual({ count: 1, medianSeconds: 300, p90Seconds: 300 });
  });

  test("a period with nothing in it gives zeros and no durations", async () => {
    const empty = await queryTeamStats(database.db, CONNECTION_ID, {
      from: new Date("2024-01-01T00:00:00Z"),
      to: new Date("2024-01-02T00:00:00Z"),
      label: "2024-01-01",
    });
    expect(empty.dialogs).toEqual({ new: 0, reopened: 0, closed: 0, unanswered: 0 });
    expect(empty.messages).toEqual({ in: 0, out: 0 });
    expect(empty.firstResponse).toEqual({ count: 0, medianSeconds: null, p90Seconds: null });
    expect(empty.operators).toEqual([]);
    expect(statsSummaryText(empty, CONNECTION_ID)).toContain("Operators: nobody answered in this period");
  });
});
