import {
  BackendGroupError,
  natsConnectionChanges,
  registerBotConnection,
  removeConnection,
  setConnectionStatus,
} from "@topicdesk/connections";
import { ConnectionRepository } from "@topicdesk/db";
import { GrammyError, HttpError } from "grammy";
import Type from "typebox";
import { notFound, unprocessable } from "../app/api-errors.ts";
import type { ApiApp, ApiDeps } from "../app/route-context.ts";
import { authorize, requireCaller, requireInstallationAdmin } from "../auth/api-key-auth.ts";
import { authErrors, ConnectionParams, keySecurity, OkBody } from "../schemas/common-schemas.ts";
import { ConnectionView, connectionView, NewConnectionBody } from "../schemas/connection-schemas.ts";

const tags = ["connections"];

/** Connections: list and read (read), add (installation admin), remove, pause, resume (admin). */
export function connectionRoutes(app: ApiApp, deps: ApiDeps): void {
  const connections = new ConnectionRepository(deps.db);
  // Ingress and delivery follow every change made here without a restart (td.ctl.connections).
  const changes = natsConnectionChanges(deps.bus.nc, { prefix: deps.naming.prefix, log: deps.log });

  app.get(
    "/connections",
    {
      schema: {
        tags,
        summary: "Connections this key may see",
        security: keySecurity,
        response: { 200: Type.Array(ConnectionView), ...authErrors },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      const rows = await connections.list();
      return rows
        .filter((row) => caller.connectionId === null || row.id === caller.connectionId)
        .map(connectionView);
    },
  );

  app.post(
    "/connections",
    {
      schema: {
        tags,
        summary: "Connect a bot to a backend group (installation-wide admin key)",
        description:
          "Asks Telegram who the bot is and checks the backend group (a forum supergroup where the bot is an admin with Manage topics). Idempotent for the same id.",
        security: keySecurity,
        body: NewConnectionBody,
        response: { 201: ConnectionView, 422: Type.Ref("ErrorBody"), ...authErrors },
      },
    },
    async (request, reply) => {
      requireInstallationAdmin(request);
      const { id, token, backendChatId, adminUserId } = request.body;
      try {
        const row = await registerBotConnection(
          deps.db,
          deps.secretBox,
          {
            id,
            token,
            backendChatId,
            telegramApiRoot: deps.telegramApiRoot,
            ...(adminUserId === undefined ? {} : { adminUserId }),
          },
          changes,
        );
        return reply.code(201).send(connectionView(row));
      } catch (error) {
        throw refusedSetup(error);
      }
    },
  );

  app.get(
    "/connections/:connectionId",
    {
      schema: {
        tags,
        summary: "One connection",
        security: keySecurity,
        params: ConnectionParams,
        response: { 200: ConnectionView, ...authErrors },
      },
    },
    async (request) => {
      const { connectionId } = request.params;
      authorize(request, connectionId, "read");
      return connectionView(await existing(connections, connectionId));
    },
  );

  app.delete(
    "/connections/:connectionId",
    {
      schema: {
        tags,
        summary: "Remove a connection with its dialogs, parameters and keys",
        security: keySecurity,
        params: ConnectionParams,
        response: { 200: OkBody, ...authErrors },
      },
    },
    async (request) => {
      const { connectionId } = request.params;
      authorize(request, connectionId, "admin");
      if (!(await removeConnection(deps.db, changes, connectionId)))
        throw notFound(`No connection ${connectionId}.`);
      return { ok: true as const };
    },
  );

  for (const [action, status] of [
    ["pause", "paused"],
    ["resume", "active"],
  ] as const) {
    app.post(
      `/connections/:connectionId/${action}`,
      {
        schema: {
          tags,
          summary: action === "pause" ? "Stop relaying messages until resumed" : "Relay messages again",
          security: keySecurity,
          params: ConnectionParams,
          response: { 200: ConnectionView, ...authErrors },
        },
      },
      async (request) => {
        const { connectionId } = request.params;
        authorize(request, connectionId, "admin");
        const row = await setConnectionStatus(deps.db, changes, connectionId, status);
        if (!row) throw notFound(`No connection ${connectionId}.`);
        return connectionView(row);
      },
    );
  }
}

export async function existing(connections: ConnectionRepository, connectionId: string) {
  const row = await connections.get(connectionId);
  if (!row) throw notFound(`No connection ${connectionId}.`);
  return row;
}

/** What Telegram or the group check refused, as a 422 the person can act on; anything else propagates. */
function refusedSetup(error: unknown): unknown {
  if (error instanceof BackendGroupError) return unprocessable(error.message);
  if (error instanceof GrammyError) {
    return unprocessable(`Telegram refused: ${error.description} (${error.method}).`);
  }
  if (error instanceof HttpError) return unprocessable("Telegram could not be reached to check the bot.");
  return error;
}
