import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from "fastify";
import type { BotApiDispatcher } from "./bot-api-dispatch.ts";
import { SimError } from "./errors.ts";
import { isRecord, type RawParams } from "./request-params.ts";
import { UploadedFile } from "./uploaded-file.ts";

/**
 * The HTTP side: Bot API routes (`/bot<token>/<method>`, GET or POST with JSON, form or multipart
 * bodies) answered in Telegram's envelope, file downloads (`/file/bot<token>/<file_path>`), plus
 * whatever control routes are registered under /sim/.
 */
export interface SimServerOptions {
  host: string;
  port: number;
  logger: boolean;
}

class BodyParseError extends Error {
  readonly statusCode = 400;
}

function isBotApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith("/bot");
}

/**
 * multipart/form-data: string fields are taken as they are; an uploaded file becomes an
 * `UploadedFile` holding its bytes (so tests can read what a bot sent). grammY sends the field as
 * "attach://<part>" plus a separate part holding the file, which is resolved to that part's upload.
 * Inside JSON parameters (sendMediaGroup's `media`) "attach://" stays a string: a new file without bytes.
 */
async function parseMultipart(body: Buffer, contentType: string): Promise<RawParams> {
  const form = await new Response(new Uint8Array(body), {
    headers: { "content-type": contentType },
  }).formData();
  const params: RawParams = Object.create(null);
  const uploads = new Map<string, UploadedFile>();
  for (const [name, value] of form.entries()) {
    if (typeof value === "string") params[name] = value;
    else {
      const bytes = new Uint8Array(await value.arrayBuffer());
      uploads.set(
        name,
        new UploadedFile(value.name || name, value.type || "application/octet-stream", bytes),
      );
    }
  }
  for (const [name, value] of Object.entries(params)) {
    const part =
      typeof value === "string" && value.startsWith("attach://") ? uploads.get(value.slice(9)) : undefined;
    if (part !== undefined) params[name] = part;
  }
  for (const [name, upload] of uploads) params[name] ??= upload;
  return params;
}

function registerBodyParsers(app: FastifyInstance): void {
  app.removeContentTypeParser("application/json");
  // Empty JSON bodies are fine (grammY sends "{}", other clients send nothing for getMe).
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8");
    if (text.trim() === "") {
      done(null, {});
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new BodyParseError("Bad Request: can't parse JSON encoded request body"), undefined);
    }
  });
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string" },
    (_request, body, done) => {
      done(
        null,
        Object.fromEntries(new URLSearchParams(typeof body === "string" ? body : body.toString("utf8"))),
      );
    },
  );
  app.addContentTypeParser("multipart/form-data", { parseAs: "buffer" }, (request, body, done) => {
    const buffer = typeof body === "string" ? Buffer.from(body) : body;
    parseMultipart(buffer, request.headers["content-type"] ?? "").then(
      (params) => done(null, params),
      () => done(new BodyParseError("Bad Request: can't parse multipart/form-data request body"), undefined),
    );
  });
  // Telegram ignores bodies it can't read; so does the simulator.
  app.addContentTypeParser("*", { parseAs: "string" }, (_request, _body, done) => done(null, {}));
}

function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error instanceof SimError || error.validation ? 400 : (error.statusCode ?? 500);
    if (status >= 500) request.log.error(error);
    if (isBotApiRequest(request)) {
      void reply.code(status).send({ ok: false, error_code: status, description: error.message });
      return;
    }
    void reply.code(status).send({ ok: false, error: error.message });
  });
  app.setNotFoundHandler((request, reply) => {
    if (isBotApiRequest(request)) {
      void reply.code(404).send({ ok: false, error_code: 404, description: "Not Found" });
      return;
    }
    void reply.code(404).send({ ok: false, error: `no route ${request.method} ${request.url}` });
  });
}

export function createSimServer(dispatcher: BotApiDispatcher, options: SimServerOptions): FastifyInstance {
  const app = Fastify({
    logger: options.logger,
    bodyLimit: 50 * 1024 * 1024,
    // Long-polling clients keep connections open; close() must not wait for them.
    forceCloseConnections: true,
    ajv: { customOptions: { removeAdditional: false, allErrors: true } },
  });
  registerBodyParsers(app);
  registerErrorHandlers(app);

  app.route<{ Params: { token: string; method: string } }>({
    method: ["GET", "POST"],
    url: "/bot:token/:method",
    handler: async (request, reply) => {
      const query = isRecord(request.query) ? request.query : {};
      const body = isRecord(request.body) ? request.body : {};
      const answer = await dispatcher.call(request.params.token, request.params.method, {
        ...query,
        ...body,
      });
      return reply.code(answer.status).send(answer.body);
    },
  });
  app.get<{ Params: { token: string; "*": string } }>("/file/bot:token/*", async (request, reply) => {
    const answer = dispatcher.download(request.params.token, request.params["*"]);
    if ("file" in answer) return reply.type(answer.file.contentType).send(Buffer.from(answer.file.bytes));
    return reply.code(answer.status).send(answer.body);
  });
  return app;
}

export async function listen(app: FastifyInstance, options: SimServerOptions): Promise<string> {
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  if (address === null || typeof address === "string")
    throw new Error("telegram-sim: unexpected server address");
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
