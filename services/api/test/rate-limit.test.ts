import { type ApiWorld, bearer, startApiWorld } from "./api-fixtures.ts";

let world: ApiWorld;

beforeAll(async () => {
  world = await startApiWorld({ rateLimitPerMinute: 3 });
});
afterAll(async () => world.stop());

test("a key over its per-minute budget gets 429 with Retry-After; another key keeps its own budget", async () => {
  const busy = await world.key("alpha", "read");
  const other = await world.key("alpha", "read");
  const call = (key: string) =>
    world.app.inject({ method: "GET", url: "/v1/connections/alpha", headers: bearer(key) });
  for (let i = 0; i < 3; i += 1) expect((await call(busy)).statusCode).toBe(200);
  const refused = await call(busy);
  expect(refused.statusCode).toBe(429);
  expect(refused.headers["retry-after"]).toBeDefined();
  expect(refused.json()).toMatchObject({ code: "rate_limited" });
  expect((await call(other)).statusCode).toBe(200);
});
