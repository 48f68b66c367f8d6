import { ApiKeyRepository, type ApiScope, type Database, scopeAllows } from "@topicdesk/db";
import type { FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { forbidden, notFound, unauthorized } from "../app/api-errors.ts";
import { type Caller, callerOf } from "./caller.ts";

/** The key from `Authorization: Bearer <key>` or `X-API-Key: <key>` (the reference's header). */
export function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.toLowerCase().startsWith("bearer ")) return header.slice(7).trim();
  const apiKey = request.headers["x-api-key"];
  return typeof apiKey === "string" ? apiKey.trim() : undefined;
}

/** Resolves the caller of a request, or throws 401 saying what is wrong with the credentials. */
export async function authenticate(db: Kysely<Database>, request: FastifyRequest): Promise<Caller> {
  const key = presentedKey(request);
  if (key === undefined || key === "") {
    throw unauthorized("An API key is required: send it as `Authorization: Bearer <key>` or `X-API-Key`.");
  }
  const repository = new ApiKeyRepository(db);
  const row = await repository.findActive(key);
  if (!row) throw unauthorized("The API key is unknown or was revoked.");
  await repository.touch(row.id);
  return callerOf(row);
}

export function requireCaller(request: FastifyRequest): Caller {
  if (!request.caller) throw unauthorized("An API key is required.");
  return request.caller;
}

/**
 * The caller may act on this connection with this scope. A key of another connection gets 404, as
 * if the connection did not exist: nothing of one connection is visible through another's key.
 */
export function authorize(request: FastifyRequest, connectionId: string, scope: ApiScope): Caller {
  const caller = requireCaller(request);
  if (caller.connectionId !== null && caller.connectionId !== connectionId) {
    throw notFound(`No connection ${connectionId}.`);
  }
  requireScope(caller, scope);
  return caller;
}

export function requireScope(caller: Caller, scope: ApiScope): void {
  if (!scopeAllows(caller.scopes, scope)) {
    throw forbidden(`This API key has the scopes [${caller.scopes.join(", ")}]; this needs "${scope}".`);
  }
}

/** Installation-wide actions (adding a connection) need an installation-wide admin key. */
export function requireInstallationAdmin(request: FastifyRequest): Caller {
  const caller = requireCaller(request);
  if (caller.connectionId !== null) {
    throw forbidden("Only an installation-wide admin key (pnpm topicdesk keys create --all) may do this.");
  }
  requireScope(caller, "admin");
  return caller;
}
