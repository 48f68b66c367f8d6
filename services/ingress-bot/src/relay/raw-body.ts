import type { FastifyInstance, FastifyRequest } from "fastify";

/**
 * Keeps the raw text of every JSON body the app parses, so the relay forwards exactly what
 * Telegram sent (re-serializing the parsed object could change number formats, escapes or key
 * order). Parsing itself stays fastify's own, with its prototype-poisoning protection.
 */
export function captureRawJsonBodies(app: FastifyInstance): (request: FastifyRequest) => string | undefined {
  const bodies = new WeakMap<FastifyRequest, string>();
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    // parseAs "string" hands over a string; the Buffer branch only satisfies the signature.
    const text = typeof body === "string" ? body : body.toString("utf8");
    bodies.set(request, text);
    parseJson(request, text, done);
  });
  return (request) => bodies.get(request);
}
