import { readFileSync } from "node:fs";
import { parse } from "yaml";

const root = new URL("../../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");

interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: unknown;
}

describe("deployment files", () => {
  const compose = parse(read("docker-compose.yml")) as { services: Record<string, ComposeService> };

  test("docker compose brings up NATS with JetStream, Redis that never evicts and keeps an AOF, Postgres and Topicdesk", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["nats", "postgres", "redis", "topicdesk"]);
    expect(compose.services.nats?.command).toContain("-js");
    const redis = compose.services.redis?.command?.join(" ") ?? "";
    expect(redis).toContain("--maxmemory-policy noeviction");
    expect(redis).toContain("--appendonly yes");
    for (const name of ["nats", "redis", "postgres"])
      expect([name, compose.services[name]?.healthcheck]).toEqual([name, expect.anything()]);
  });

  test("Topicdesk in compose waits for healthy dependencies and is configured by the documented variables", () => {
    const topicdesk = compose.services.topicdesk;
    expect(Object.values(topicdesk?.depends_on ?? {}).map((dependency) => dependency.condition)).toEqual([
      "service_healthy",
      "service_healthy",
      "service_healthy",
    ]);
    for (const variable of [
      "DATABASE_URL",
      "NATS_URL",
      "REDIS_URL",
      "TOPICDESK_BOT_TOKEN",
      "TOPICDESK_BACKEND_CHAT_ID",
      "TOPICDESK_SECRET_KEY",
    ]) {
      expect([variable, topicdesk?.environment?.[variable]]).toEqual([variable, expect.any(String)]);
    }
    expect(topicdesk?.environment?.NODE_ENV).toBe("production");
  });

  test("the Dockerfile is multi-stage, on Node 24, and runs as a non-root user", () => {
    const dockerfile = read("deploy/Dockerfile");
    const stages = dockerfile.match(/^FROM\s+\S+/gm) ?? [];
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage).toMatch(/node:24/);
    const lastStage = dockerfile.slice(dockerfile.lastIndexOf("FROM"));
    expect(lastStage).toMatch(/^USER\s+(?!root)\S+/m);
  });
});
