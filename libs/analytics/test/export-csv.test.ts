import { createTestDatabase, type TestDatabase } from "@topicdesk/db";
import type { HideInfoOption } from "@topicdesk/params";
import { parse } from "csv-parse/sync";
import { EXPORT_COLUMNS, exportCsv, parseExportFilter, queryExportDialogs } from "../src/index.ts";
import { BACKEND_CHAT_ID, CONNECTION_ID, seedKnownDesk } from "./known-desk.ts";

type Row = Record<(typeof EXPORT_COLUMNS)[number], string>;

function parseCsv(bytes: Uint8Array): { header: string[]; rows: Row[] } {
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  expect(text.startsWith("\uFEFF")).toBe(true);
  const records: string[][] = parse(text, { bom: true });
  const [header = [], ...body] = records;
  return {
    header,
    rows: body.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i]])) as Row),
  };
}

describe("the client export", () => {
  let database: TestDatabase;
  let ids: Awaited<ReturnType<typeof seedKnownDesk>>;
  const now = new Date("2025-03-12T12:00:00Z");
  const exportWith = async (args: string, hideInfo: HideInfoOption[] = []) => {
    const filter = parseExportFilter(args, now);
    if (!filter.ok) throw new Error(filter.error);
    return parseCsv(
      exportCsv(await queryExportDialogs(database.db, CONNECTION_ID, filter.filter), new Set(hideInfo)),
    );
  };
  beforeAll(async () => {
    database = await createTestDatabase();
    ids = await seedKnownDesk(database.db);
  });
  afterAll(async () => {
    await database.drop();
  });

  test("the CSV parses back to one row per dialog of the connection, with the data", async () => {
    const { header, rows } = await exportWith("");
    expect(header).toEqual([...EXPORT_COLUMNS]);
    expect(rows.map((row) => row.dialog_id)).toEqual([ids.D, ids.A, ids.B, ids.C, ids.E].map(String));
    expect(rows[1]).toEqual({
      connection: "main",
      dialog_id: String(ids.A),
      user_id: "501",
      username: "@ann_lee",
      name: "Ann Lee",
      language: "en",
      chat_type: "private",
      status: "closed",
      labels: "vip",
      first_contact: "2025-03-03T10:00:00.000Z",
      last_contact: "2025-03-05T14:30:00.000Z",
      messages_in: "3",
      messages_out: "3",
      last_operator: "Bob",
    });
    // Commas and quotes in a name survive the round trip.
    expect(rows[2]).toMatchObject({
      name: 'Ben, "the" builder',
      labels: "vip, new",
      messages_in: "2",
      messages_out: "1",
      last_operator: "Olivia (@olivia)",
    });
    expect(rows[0]).toMatchObject({ name: "Dan", username: "", language: "", last_operator: "id 13" });
    expect(rows[3]).toMatchObject({
      user_id: "-100777",
      name: "Acme team",
      chat_type: "group",
      messages_in: "2",
      messages_out: "0",
      last_operator: "",
    });
  });

  test("label: matches regardless of case; status: and a period filter", async () => {
    expect((await exportWith("label:VIP")).rows.map((row) => row.name)).toEqual([
      "Ann Lee",
      'Ben, "the" builder',
    ]);
    expect((await exportWith("status:closed")).rows.map((row) => row.name)).toEqual(["Dan", "Ann Lee"]);
    // Contact overlapping the weekend: Acme (Sat) and Eve (Sun, answered Monday).
    expect((await exportWith("2025-03-08..2025-03-09")).rows.map((row) => row.name)).toEqual([
      "Acme team",
      "Eve",
    ]);
    expect((await exportWith("label:vip status:closed")).rows.map((row) => row.name)).toEqual(["Ann Lee"]);
    expect((await exportWith("label:nobody")).rows).toEqual([]);
  });

  test("HIDE_INFO name hides names, ids and usernames of private chats; title hides groups; link hides usernames", async () => {
    const hiddenNames = (await exportWith("", ["name"])).rows;
    expect(hiddenNames[1]).toMatchObject({
      user_id: "",
      username: "",
      name: "",
      language: "en",
      labels: "vip",
    });
    expect(hiddenNames[3]).toMatchObject({ user_id: "-100777", name: "Acme team" });
    const hiddenTitles = (await exportWith("", ["title"])).rows;
    expect(hiddenTitles[3]).toMatchObject({ user_id: "", name: "" });
    expect(hiddenTitles[1]).toMatchObject({ user_id: "501", name: "Ann Lee" });
    const hiddenLinks = (await exportWith("", ["link"])).rows;
    expect(hiddenLinks[1]).toMatchObject({ user_id: "501", username: "", name: "Ann Lee" });
  });

  test("an operator's name comes from the backend group the dialog lives in", async () => {
    await database.db
      .insertInto("operators")
      .values({ backend_chat_id: BACKEND_CHAT_ID - 1, user_id: 13, first_name: "Elsewhere", username: null })
      .execute();
    expect((await exportWith("")).rows[0]?.last_operator).toBe("id 13");
  });
});
