import type { FastifyPluginAsync } from "fastify";
import { checkReadiness, type DependencyCheck } from "./readiness.ts";

export interface HealthRouteOptions {
  checks: readonly DependencyCheck[];
  timeoutMs?: number;
}

const readinessSchema = {
  type: "object",
  properties: {
    ready: { type: "boolean" },
    checks: { type: "object", additionalProperties: { type: "string" } },
  },
  required: ["ready", "checks"],
} as const;

/**
 * `/healthz` (the process answers: liveness) and `/readyz` (its dependencies answer: readiness) as
 * a fastify plugin: `await app.register(healthRoutes, { checks })`. Liveness never looks at
 * dependencies, so a Postgres outage takes pods out of the load balancer without making Kubernetes
 * restart all of them.
 */
export const healthRoutes: FastifyPluginAsync<HealthRouteOptions> = async (app, options) => {
  app.get(
    "/healthz",
    {
      schema: {
        tags: ["health"],
        summary: "The process is alive",
        response: { 200: { type: "object", properties: { ok: { type: "boolean" } }, required: ["ok"] } },
      },
    },
    async () => ({ ok: true }),
  );
  app.get(
    "/readyz",
    {
      schema: {
        tags: ["health"],
        summary: "Postgres, Redis and NATS are reachable",
        response: { 200: readinessSchema, 503: readinessSchema },
      },
    },
    async (_request, reply) => {
      const readiness = await checkReadiness(options.checks, options.timeoutMs);
      return reply.code(readiness.ready ? 200 : 503).send(readiness);
    },
  );
};
