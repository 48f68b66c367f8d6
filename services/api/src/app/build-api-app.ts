import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { healthRoutes, natsCheck, postgresCheck, redisCheck } from "@topicdesk/health";
import Fastify, { type FastifyBaseLogger, type FastifyError } from "fastify";
import { authenticate } from "../auth/api-key-auth.ts";
import { accountLoginRoutes } from "../routes/account-login-routes.ts";
import { connectionRoutes } from "../routes/connection-routes.ts";
import { dialogLabelRoutes } from "../routes/dialog-label-routes.ts";
import { dialogRoutes } from "../routes/dialog-routes.ts";
import { keyRoutes } from "../routes/key-routes.ts";
import { messageRoutes } from "../routes/message-routes.ts";
import { operatorRoutes } from "../routes/operator-routes.ts";
import { parameterRoutes } from "../routes/parameter-routes.ts";
import { reportRoutes } from "../routes/report-routes.ts";
import { topicInfoRoutes } from "../routes/topic-info-routes.ts";
import { topicRoutes } from "../routes/topic-routes.ts";
import { topicUploadRoutes } from "../routes/topic-upload-routes.ts";
import { webhookDeadLetterRoutes } from "../routes/webhook-dead-letter-routes.ts";
import { webhookEndpointRoutes } from "../routes/webhook-endpoint-routes.ts";
import { webhookReceiverRoutes } from "../routes/webhook-receiver-routes.ts";
import { ErrorBody } from "../schemas/common-schemas.ts";
import { ApiError } from "./api-errors.ts";
import type { ApiApp, ApiDeps } from "./route-context.ts";

const ROUTES = [
  connectionRoutes,
  parameterRoutes,
  dialogRoutes,
  dialogLabelRoutes,
  operatorRoutes,
  keyRoutes,
  topicRoutes,
  messageRoutes,
  topicUploadRoutes,
  topicInfoRoutes,
  reportRoutes,
  accountLoginRoutes,
  webhookEndpointRoutes,
  webhookDeadLetterRoutes,
  webhookReceiverRoutes,
];

/**
 * The HTTP API: `/v1/…` behind API keys and a per-key rate limit, OpenAPI generated from the route
 * schemas at `/docs/json` and browsable at `/docs`, and `/healthz` + `/readyz`.
 */
export async function buildApiApp(deps: ApiDeps): Promise<ApiApp> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    // Keys travel in headers; pino's redaction in @topicdesk/telemetry keeps them out of the logs.
    ajv: { customOptions: { coerceTypes: "array", removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.decorateRequest("caller", undefined);
  app.addSchema(ErrorBody);
  app.setErrorHandler(errorHandler);
  await app.register(swagger, openApiOptions());
  await app.register(swaggerUi, { routePrefix: "/docs" });
  await app.register(healthRoutes, {
    checks: [postgresCheck(deps.db), redisCheck(deps.redis), natsCheck(deps.bus.nc)],
  });
  await app.register(
    async (v1) => {
      v1.addHook("onRequest", async (request) => {
        request.caller = await authenticate(deps.db, request);
      });
      if (deps.rateLimitPerMinute > 0) {
        await v1.register(rateLimit, {
          // After authentication, so the budget is the key's, not a shared IP's.
          hook: "preHandler",
          max: deps.rateLimitPerMinute,
          timeWindow: 60_000,
          redis: deps.redis,
          nameSpace: deps.rateLimitNamespace,
          keyGenerator: (request) => `key-${request.caller?.keyId ?? request.ip}`,
          errorResponseBuilder: (_request, context) =>
            new ApiError(
              429,
              "rate_limited",
              `Rate limit of ${context.max} requests a minute reached; retry in ${context.after}.`,
            ),
        });
      }
      for (const routes of ROUTES) routes(v1, deps);
    },
    { prefix: "/v1" },
  );
  return app;
}

function errorHandler(
  error: FastifyError | ApiError,
  _request: unknown,
  reply: { code(n: number): { send(b: unknown): unknown }; log: FastifyBaseLogger },
) {
  if (error instanceof ApiError) {
    return reply
      .code(error.statusCode)
      .send({ ...body(error.statusCode, error.code, error.message), ...error.details });
  }
  if (error.validation) {
    return reply.code(400).send(body(400, "invalid_request", error.message));
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500)
    return reply.code(status).send(body(status, error.code ?? "bad_request", error.message));
  reply.log.error({ err: error }, "request failed");
  return reply.code(500).send(body(500, "internal", "Something went wrong on our side; it was logged."));
}

function body(statusCode: number, code: string, message: string) {
  return { statusCode, code, error: STATUS_NAMES[statusCode] ?? "Error", message };
}

const STATUS_NAMES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  410: "Gone",
  413: "Payload Too Large",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};

function openApiOptions() {
  return {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "Topicdesk API",
        version: "1.0.0",
        description:
          "Connections, parameters, dialogs, operators, API keys and the topics API of a Topicdesk installation. Every /v1 route takes an API key (Authorization: Bearer <key>, or X-API-Key). Scopes: read, write (includes read), admin (includes write).",
      },
      components: {
        securitySchemes: {
          bearerKey: { type: "http" as const, scheme: "bearer" },
          headerKey: { type: "apiKey" as const, in: "header" as const, name: "X-API-Key" },
        },
      },
    },
    refResolver: {
      buildLocalReference: (json: { $id?: unknown }, _base: unknown, _fragment: unknown, index: number) =>
        String(json.$id ?? `def-${index}`),
    },
  };
}
