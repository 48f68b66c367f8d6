import { type ApiKey, ApiKeyRepository, ConnectionRepository } from "@topicdesk/db";
import Type from "typebox";
import { notFound } from "../app/api-errors.ts";
import type { ApiApp, ApiDeps } from "../app/route-context.ts";
import { authorize } from "../auth/api-key-auth.ts";
import {
  authErrors,
  ConnectionParams,
  keySecurity,
  NullableTimestamp,
  OkBody,
  Timestamp,
} from "../schemas/common-schemas.ts";
import { existing } from "./connection-routes.ts";

const Scope = Type.Union([Type.Literal("read"), Type.Literal("write"), Type.Literal("admin")]);

const KeyView = Type.Object({
  id: Type.Number(),
  label: Type.String(),
  /** The first characters of the key, to tell keys apart; the key itself is never shown again. */
  prefix: Type.String(),
  scopes: Type.Array(Scope),
  createdAt: Timestamp,
  lastUsedAt: NullableTimestamp,
  revokedAt: NullableTimestamp,
});

const IssuedKey = Type.Object({
  ...KeyView.properties,
  key: Type.String({ description: "the secret; shown only in this answer" }),
});

/** A connection's API keys: list, issue, revoke (admin). */
export function keyRoutes(app: ApiApp, deps: ApiDeps): void {
  const keys = new ApiKeyRepository(deps.db);
  const connections = new ConnectionRepository(deps.db);

  app.get(
    "/connections/:connectionId/keys",
    {
      schema: {
        tags: ["keys"],
        summary: "API keys of the connection (never their secrets)",
        security: keySecurity,
        params: ConnectionParams,
        response: { 200: Type.Array(KeyView), ...authErrors },
      },
    },
    async (request) => {
      const { connectionId } = request.params;
      authorize(request, connectionId, "admin");
      await existing(connections, connectionId);
      return (await keys.list(connectionId)).map(keyView);
    },
  );

  app.post(
    "/connections/:connectionId/keys",
    {
      schema: {
        tags: ["keys"],
        summary: "Issue a key; the answer is the only time its secret is shown",
        security: keySecurity,
        params: ConnectionParams,
        body: Type.Object(
          {
            label: Type.String({ minLength: 1, maxLength: 100 }),
            scopes: Type.Array(Scope, { minItems: 1, maxItems: 3, uniqueItems: true }),
          },
          { additionalProperties: false },
        ),
        response: { 201: IssuedKey, ...authErrors },
      },
    },
    async (request, reply) => {
      const { connectionId } = request.params;
      authorize(request, connectionId, "admin");
      await existing(connections, connectionId);
      const issued = await keys.issue({
        connectionId,
        label: request.body.label,
        scopes: request.body.scopes,
      });
      return reply.code(201).send({ ...keyView(issued.row), key: issued.key });
    },
  );

  app.delete(
    "/connections/:connectionId/keys/:keyId",
    {
      schema: {
        tags: ["keys"],
        summary: "Revoke a key at once",
        security: keySecurity,
        params: Type.Object({ ...ConnectionParams.properties, keyId: Type.Integer({ minimum: 1 }) }),
        response: { 200: OkBody, ...authErrors },
      },
    },
    async (request) => {
      const { connectionId, keyId } = request.params;
      authorize(request, connectionId, "admin");
      if (!(await keys.revoke(connectionId, keyId)))
        throw notFound(`No live key ${keyId} on connection ${connectionId}.`);
      return { ok: true as const };
    },
  );
}

function keyView(row: ApiKey) {
  const iso = (date: Date | null) => (date === null ? null : new Date(date).toISOString());
  return {
    id: row.id,
    label: row.label,
    prefix: row.key_prefix,
    scopes: row.scopes,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
  };
}
