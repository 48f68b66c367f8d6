import { connectBus } from "@topicdesk/bus";
import { createTestDatabase, type TestDatabase } from "@topicdesk/db";
import { Redis } from "ioredis";
import { checkReadiness, natsCheck, postgresCheck, redisCheck, startHealthServer } from "../src/index.ts";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

test("ready when Postgres, Redis and NATS answer", async () => {
  const redis = new Redis("redis://127.0.0.1:6379");
  const bus = await connectBus({ url: "nats://127.0.0.1:4222", name: "health-test" });
  try {
    const readiness = await checkReadiness([
      postgresCheck(database.db),
      redisCheck(redis),
      natsCheck(bus.nc),
    ]);
    expect(readiness).toEqual({ ready: true, checks: { postgres: "ok", redis: "ok", nats: "ok" } });
  } finally {
    redis.disconnect();
    await bus.close();
  }
});

test("a dependency that hangs is reported as timed out, one that fails by its error's name", async () => {
  const hanging = { name: "slow", check: () => new Promise(() => {}) };
  const failing = { name: "broken", check: () => Promise.reject(new TypeError("no")) };
  const readiness = await checkReadiness([hanging, failing, { name: "fine", check: async () => 1 }], 50);
  expect(readiness).toEqual({
    ready: false,
    checks: { slow: "timed out after 50 ms", broken: "TypeError", fine: "ok" },
  });
});

test("the bare health server answers /healthz always and /readyz with 503 when a dependency is down", async () => {
  const server = await startHealthServer({
    host: "127.0.0.1",
    port: 0,
    checks: [{ name: "redis", check: () => Promise.reject(new Error("down")) }],
  });
  try {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ ok: true });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ ready: false, checks: { redis: "unreachable" } });
    expect((await fetch(`${server.url}/other`)).status).toBe(404);
  } finally {
    await server.close();
  }
});
