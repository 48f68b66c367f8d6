import { ConnectionRepository, OperatorRepository, ParameterRepository } from "@topicdesk/db";
import { type ExtensionsAllowed, resolveParameters } from "@topicdesk/params";
import Type from "typebox";
import type { ApiApp, ApiDeps } from "../app/route-context.ts";
import { authorize } from "../auth/api-key-auth.ts";
import { authErrors, ConnectionParams, keySecurity, Timestamp } from "../schemas/common-schemas.ts";
import { existing } from "./connection-routes.ts";

const Role = Type.Union([Type.Literal("admin"), Type.Literal("extension"), Type.Literal("operator")], {
  description:
    "admin: the connection's administrator; extension: listed in EXTENSIONS_ALLOWED (set it through the parameters routes); operator: anyone else who wrote in the group",
});

const OperatorView = Type.Object({
  userId: Type.Number(),
  firstName: Type.String(),
  username: Type.Union([Type.String(), Type.Null()]),
  role: Role,
  lastSeenAt: Timestamp,
});

/**
 * Operators are the people who wrote in the backend group; roles come from the connection's
 * administrator and EXTENSIONS_ALLOWED (spec decision 8). Telegram's own admin rights are not
 * listed: only Telegram knows them, and the router asks it when a command needs them.
 */
export function operatorRoutes(app: ApiApp, deps: ApiDeps): void {
  const connections = new ConnectionRepository(deps.db);
  const operators = new OperatorRepository(deps.db);
  const parameters = new ParameterRepository(deps.db);

  app.get(
    "/connections/:connectionId/operators",
    {
      schema: {
        tags: ["operators"],
        summary: "Operators of the backend group with their roles",
        security: keySecurity,
        params: ConnectionParams,
        response: { 200: Type.Array(OperatorView), ...authErrors },
      },
    },
    async (request) => {
      const { connectionId } = request.params;
      authorize(request, connectionId, "read");
      const connection = await existing(connections, connectionId);
      const allowed = resolveParameters(await parameters.listRaw(connectionId)).values.EXTENSIONS_ALLOWED;
      const roleOf = (userId: number) =>
        userId === connection.admin_user_id
          ? "admin"
          : isExtension(allowed, userId)
            ? "extension"
            : "operator";
      const rows = await operators.list(connection.backend_chat_id);
      return rows.map((row) => ({
        userId: row.user_id,
        firstName: row.first_name,
        username: row.username,
        role: roleOf(row.user_id),
        lastSeenAt: row.last_seen_at.toISOString(),
      }));
    },
  );
}

function isExtension(allowed: ExtensionsAllowed, userId: number): boolean {
  return allowed.kind === "everyone" || allowed.userIds.includes(userId);
}
