import fc from "fast-check";
import { type ApiWorld, bearer, startApiWorld } from "./api-fixtures.ts";

/**
 * Random and malformed requests against every route of the OpenAPI document: never a 5xx, and a
 * refused request (4xx) changes nothing: no row, no event on NATS, no job in Redis.
 */
let world: ApiWorld;
let adminKey: string;
let routes: { method: string; path: string }[];

beforeAll(async () => {
  world = await startApiWorld();
  adminKey = await world.key("alpha", "admin");
  const document = (await world.app.inject({ method: "GET", url: "/docs/json" })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  routes = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => ({ method: method.toUpperCase(), path })),
  );
});
afterAll(async () => world.stop());

/** What a request could change: rows of every table, messages in both streams, queued jobs. */
async function stateSnapshot(): Promise<string> {
  const tables = await world.database.db.introspection.getTables();
  const counts: Record<string, unknown> = {};
  for (const table of tables) {
    const row = await world.database.db
      .selectFrom(table.name as "connections")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    counts[table.name] = row.n;
  }
  for (const stream of [world.naming.inboundStream, world.naming.eventsStream])
    counts[stream] = (await world.bus.jsm.streams.info(stream)).state.messages;
  let redisKeys = 0;
  let cursor = "0";
  do {
    const [next, keys] = await world.redis.scan(cursor, "MATCH", `${world.queuePrefix}:*`, "COUNT", 500);
    redisKeys += keys.length;
    cursor = next;
  } while (cursor !== "0");
  counts.redis = redisKeys;
  return JSON.stringify(counts);
}

/** A path parameter: a real id now and then, otherwise anything a client might send. */
const pathValue = fc.oneof(
  fc.constantFrom("alpha", "beta", "1", "0", "-1", "AUTOCLOSE", "payments", "%00", "..", "a".repeat(300)),
  fc.string({ maxLength: 40 }),
);

const body = fc.oneof(
  fc.constant(undefined),
  fc.json({ maxDepth: 3 }),
  fc.string({ maxLength: 200 }),
  fc.dictionary(
    fc.constantFrom("value", "text", "name", "label", "status", "key", "url", "buttons"),
    fc.anything(),
  ),
);

const credentials = fc.constantFrom<"admin" | "none" | "garbage">("admin", "none", "garbage");

test("random requests never get a 5xx, and a refused request changes nothing", async () => {
  const statuses = new Set<number>();
  await fc.assert(
    fc.asyncProperty(
      fc.nat(),
      fc.array(pathValue, { minLength: 3, maxLength: 3 }),
      body,
      credentials,
      fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded"),
      async (routeIndex, values, payload, who, contentType) => {
        const route = routes[routeIndex % routes.length];
        if (!route) throw new Error("the OpenAPI document lists no routes");
        let index = 0;
        const url = route.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(values[index++] ?? ""));
        const headers: Record<string, string> = { "content-type": contentType };
        if (who === "admin") Object.assign(headers, bearer(adminKey));
        if (who === "garbage") Object.assign(headers, bearer("tdk_garbage"));
        const before = await stateSnapshot();
        const answer = await world.app.inject({
          method: route.method as "GET",
          url,
          headers,
          ...(payload === undefined || route.method === "GET"
            ? {}
            : { payload: typeof payload === "string" ? payload : JSON.stringify(payload) }),
        });
        expect([route.method, route.path, answer.statusCode]).toEqual([
          route.method,
          route.path,
          expect.any(Number),
        ]);
        statuses.add(answer.statusCode);
        expect(answer.statusCode).toBeLessThan(500);
        if (answer.statusCode >= 400) {
          expect(answer.json()).toMatchObject({ message: expect.any(String) });
          expect(await stateSnapshot()).toBe(before);
        }
      },
    ),
    { numRuns: 300 },
  );
  // The requests reached past authentication into validation, lookups and handlers.
  expect([...statuses]).toEqual(expect.arrayContaining([200, 400, 401, 404]));
}, 180_000);
