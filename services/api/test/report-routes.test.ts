import type { DialogEventKind } from "@topicdesk/db";
import { OperatorRepository, ParameterRepository } from "@topicdesk/db";
import { type ApiWorld, bearer, startApiWorld } from "./api-fixtures.ts";

let world: ApiWorld;
let reader: string;
let admin: string;
let foreign: string;
const WEEK = "period=2025-03-03..2025-03-09";

/** A dialog and its history, as the router would have logged it. */
async function seedDialog(
  connectionId: string,
  backendChatId: number,
  dialog: {
    client: number;
    firstName: string;
    username: string;
    status: "closed" | "user_answered";
    labels: string[];
  },
  events: Array<[at: string, kind: DialogEventKind, operatorId?: number]>,
) {
  const at = (kind: DialogEventKind) => events.filter((event) => event[1] === kind).map((event) => event[0]);
  const row = await world.database.db
    .insertInto("dialogs")
    .values({
      connection_id: connectionId,
      client_chat_id: dialog.client,
      chat_type: "private",
      backend_chat_id: backendChatId,
      status: dialog.status,
      first_name: dialog.firstName,
      username: dialog.username,
      labels: dialog.labels,
      created_at: at("opened")[0] ?? "",
      last_client_message_at: at("client_message").at(-1) ?? null,
      last_operator_message_at: at("operator_message").at(-1) ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await world.database.db
    .insertInto("dialog_events")
    .values(
      events.map(([eventAt, kind, operatorId]) => ({
        dialog_id: row.id,
        connection_id: connectionId,
        kind,
        operator_id: operatorId ?? null,
        at: new Date(eventAt),
      })),
    )
    .execute();
}

beforeAll(async () => {
  world = await startApiWorld();
  reader = await world.key("alpha", "read");
  admin = await world.key("alpha", "admin");
  foreign = await world.key("beta", "admin");
  await new OperatorRepository(world.database.db).touch(world.groupA, {
    id: world.operatorA,
    firstName: "Ann",
  });
  // Ann (the operator) answers Anna in 10 minutes and closes after an hour; Ben waits unanswered.
  await seedDialog(
    "alpha",
    world.groupA,
    { client: 601, firstName: "Anna", username: "anna", status: "closed", labels: ["vip"] },
    [
      ["2025-03-03T10:00:00Z", "opened"],
      ["2025-03-03T10:00:00Z", "client_message"],
      ["2025-03-03T10:10:00Z", "operator_message", world.operatorA],
      ["2025-03-03T11:00:00Z", "closed", world.operatorA],
    ],
  );
  await seedDialog(
    "alpha",
    world.groupA,
    { client: 602, firstName: "Ben", username: "ben", status: "user_answered", labels: [] },
    [
      ["2025-03-04T09:00:00Z", "opened"],
      ["2025-03-04T09:00:00Z", "client_message"],
      ["2025-03-04T09:30:00Z", "client_message"],
    ],
  );
  // Another connection's dialog in the same week never counts.
  await seedDialog(
    "beta",
    -1009999,
    { client: 609, firstName: "Xavier", username: "xavier", status: "user_answered", labels: ["vip"] },
    [
      ["2025-03-04T09:00:00Z", "opened"],
      ["2025-03-04T09:00:00Z", "client_message"],
    ],
  );
});
afterAll(async () => world.stop());

const get = (url: string, key = reader) => world.app.inject({ method: "GET", url, headers: bearer(key) });

describe("GET …/stats", () => {
  test("answers the week's figures, worked out by hand", async () => {
    const answer = await get(`/v1/connections/alpha/stats?${WEEK}`);
    expect(answer.statusCode).toBe(200);
    const stats = answer.json();
    expect(stats).toMatchObject({
      connectionId: "alpha",
      period: {
        from: "2025-03-03T00:00:00.000Z",
        to: "2025-03-10T00:00:00.000Z",
        label: "2025-03-03 – 2025-03-09",
      },
      dialogs: { new: 2, reopened: 0, closed: 1, unanswered: 1 },
      messages: { in: 3, out: 1 },
      firstResponse: { count: 1, medianSeconds: 600 },
      resolution: { count: 1, medianSeconds: 3600 },
      operators: [
        {
          operatorId: world.operatorA,
          name: "Ann",
          messages: 1,
          dialogs: 1,
          firstResponses: 1,
          firstResponseMedianSeconds: 600,
          closed: 1,
        },
      ],
    });
    expect(stats.byWeekday[0]).toEqual({ messagesIn: 1, newDialogs: 1 });
    expect(stats.byWeekday[1]).toEqual({ messagesIn: 2, newDialogs: 1 });
    expect(stats.byHour[9]).toEqual({ messagesIn: 2, newDialogs: 1 });
    expect(stats.byHour).toHaveLength(24);
  });

  test("defaults to the last 7 days (nothing in this desk)", async () => {
    const answer = await get("/v1/connections/alpha/stats");
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ period: { label: "last 7 days" }, dialogs: { new: 0 } });
  });

  test("a period the parser refuses is a 400 with its sentence", async () => {
    const answer = await get("/v1/connections/alpha/stats?period=2025-03-09..2025-03-01");
    expect(answer.statusCode).toBe(400);
    expect(answer.json().message).toContain("ends (2025-03-01) before it starts");
    expect((await get("/v1/connections/alpha/stats?period=soon")).json().message).toContain("not a period");
  });

  test("another connection's key sees nothing; beta's figures are beta's own", async () => {
    expect((await get(`/v1/connections/alpha/stats?${WEEK}`, foreign)).statusCode).toBe(404);
    const beta = await get(`/v1/connections/beta/stats?${WEEK}`, foreign);
    expect(beta.json().dialogs).toMatchObject({ new: 1, unanswered: 1 });
    expect((await get("/v1/connections/alpha/stats")).statusCode).toBe(200);
    expect((await world.app.inject({ method: "GET", url: "/v1/connections/alpha/stats" })).statusCode).toBe(
      401,
    );
  });
});

describe("GET …/export", () => {
  /** The CSV as records keyed by the header row (names in this desk hold no commas or quotes). */
  function records(body: string): Array<Record<string, string>> {
    expect(body.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = body.slice(1).trimEnd().split("\r\n");
    const columns = (header ?? "").split(",");
    return rows.map((row) =>
      Object.fromEntries(row.split(",").map((value, index) => [columns[index], value])),
    );
  }

  test("answers text/csv with the /export columns, one row per dialog of this connection", async () => {
    const answer = await get("/v1/connections/alpha/export");
    expect(answer.statusCode).toBe(200);
    expect(answer.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(answer.headers["content-disposition"]).toMatch(
      /^attachment; filename="export-alpha-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const rows = records(answer.body);
    expect(rows.map((row) => row.name)).toEqual(["Anna", "Ben"]);
    expect(rows[0]).toMatchObject({
      connection: "alpha",
      user_id: "601",
      username: "@anna",
      status: "closed",
      labels: "vip",
      messages_in: "1",
      messages_out: "1",
      last_operator: "Ann",
    });
  });

  test("filters by label, status and a range of days", async () => {
    const names = async (query: string) =>
      records((await get(`/v1/connections/alpha/export?${query}`)).body).map((row) => row.name);
    expect(await names("label=VIP")).toEqual(["Anna"]);
    expect(await names("status=user_answered")).toEqual(["Ben"]);
    expect(await names("from=2025-03-04&to=2025-03-09")).toEqual(["Ben"]);
    expect(await names("from=2025-03-03&to=2025-03-03")).toEqual(["Anna"]);
    expect(await names("label=vip&status=user_answered")).toEqual([]);
  });

  test("HIDE_INFO masks client data for keys short of admin", async () => {
    await new ParameterRepository(world.database.db).set("alpha", "HIDE_INFO", "name");
    try {
      const masked = records((await get("/v1/connections/alpha/export?label=vip")).body)[0];
      expect(masked).toMatchObject({ user_id: "", username: "", name: "" });
      const full = records((await get("/v1/connections/alpha/export?label=vip", admin)).body)[0];
      expect(full).toMatchObject({ user_id: "601", username: "@anna", name: "Anna" });
    } finally {
      await new ParameterRepository(world.database.db).unset("alpha", "HIDE_INFO");
    }
  });

  test("bad filters are a 400 that says what to fix", async () => {
    const onlyTo = await get("/v1/connections/alpha/export?to=2025-03-09");
    expect(onlyTo.statusCode).toBe(400);
    expect(onlyTo.json().message).toContain("`to` needs a `from`");
    expect((await get("/v1/connections/alpha/export?from=2025-03-09&to=2025-03-01")).statusCode).toBe(400);
    expect((await get("/v1/connections/alpha/export?from=2025-02-30")).statusCode).toBe(400);
    expect((await get("/v1/connections/alpha/export?status=maybe")).statusCode).toBe(400);
  });

  test("another connection's key gets 404", async () => {
    expect((await get("/v1/connections/alpha/export", foreign)).statusCode).toBe(404);
  });
});

test("the OpenAPI document lists export as text/csv and stats (api-routes.test.ts validates it whole)", async () => {
  const document = (await world.app.inject({ method: "GET", url: "/docs/json" })).json();
  expect(
    Object.keys(document.paths["/v1/connections/{connectionId}/export"].get.responses["200"].content),
  ).toEqual(["text/csv"]);
  expect(document.paths["/v1/connections/{connectionId}/stats"].get.parameters).toEqual(
    expect.arrayContaining([expect.objectContaining({ name: "period", in: "query" })]),
  );
});
