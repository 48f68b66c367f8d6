import { type Connection, ConnectionRepository, type Dialog } from "@topicdesk/db";
import type { FastifyReply } from "fastify";
import Type from "typebox";
import type { ApiApp, ApiDeps } from "../app/route-context.ts";
import { authorize } from "../auth/api-key-auth.ts";
import type { Caller } from "../auth/caller.ts";
import { listDialogs, requireDialog } from "../dialog-actions/dialog-query.ts";
import { hideInfoOf } from "../dialog-actions/hide-info.ts";
import { runDialogCommand } from "../dialog-actions/run-dialog-command.ts";
import { authErrors, ConnectionParams, keySecurity } from "../schemas/common-schemas.ts";
import { DialogStatusSchema, DialogView, dialogView } from "../schemas/dialog-schemas.ts";
import { existing } from "./connection-routes.ts";

const tags = ["dialogs"];

export const DialogParams = Type.Object({
  ...ConnectionParams.properties,
  dialogId: Type.Integer({ minimum: 1 }),
});

/** A change the router has not finished within the wait: it will happen; poll the dialog. */
export const Accepted = Type.Object({ accepted: Type.Literal(true), eventId: Type.String() });

/** The answers of a dialog action run through the router. */
export const dialogActionResponses = {
  200: DialogView,
  202: Accepted,
  409: Type.Ref("ErrorBody"),
  ...authErrors,
};

/**
 * Runs a command in the dialog's topic through the router and answers like every dialog action:
 * the dialog as the router left it (200), or 202 with the event id when the router has not got to it
 * within the wait.
 */
export async function answerDialogCommand(
  deps: ApiDeps,
  reply: FastifyReply,
  caller: Caller,
  connection: Connection,
  dialog: Dialog,
  command: string,
) {
  const outcome = await runDialogCommand(deps, connection, dialog, command);
  if (!outcome.processed) return reply.code(202).send({ accepted: true as const, eventId: outcome.eventId });
  const row = await requireDialog(deps.db, connection.id, dialog.id);
  return reply.code(200).send(dialogView(row, await hideInfoOf(deps.db, connection.id), caller.scopes));
}

const ReopenBody = Type.Object(
  {
    status: Type.Optional(
      Type.Union([Type.Literal("user_answered"), Type.Literal("support_answered")], {
        description: "user_answered (🟪, default: the team owes an answer) or support_answered (🟨)",
      }),
    ),
  },
  { additionalProperties: false },
);

/** Dialogs: list, filter, read (read); close and reopen (write) through the router's own commands. */
export function dialogRoutes(app: ApiApp, deps: ApiDeps): void {
  const connections = new ConnectionRepository(deps.db);
  const viewFor = async (caller: Caller, row: Dialog) =>
    dialogView(row, await hideInfoOf(deps.db, row.connection_id), caller.scopes);

  app.get(
    "/connections/:connectionId/dialogs",
    {
      schema: {
        tags,
        summary: "Dialogs, newest first, filtered by status and label",
        security: keySecurity,
        params: ConnectionParams,
        querystring: Type.Object({
          status: Type.Optional(DialogStatusSchema),
          label: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          before: Type.Optional(
            Type.Integer({ minimum: 1, description: "the last id of the previous page" }),
          ),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
        }),
        response: { 200: Type.Array(DialogView), ...authErrors },
      },
    },
    async (request) => {
      const { connectionId } = request.params;
      const caller = authorize(request, connectionId, "read");
      await existing(connections, connectionId);
      const rows = await listDialogs(deps.db, connectionId, request.query);
      const hideInfo = await hideInfoOf(deps.db, connectionId);
      return rows.map((row) => dialogView(row, hideInfo, caller.scopes));
    },
  );

  app.get(
    "/connections/:connectionId/dialogs/:dialogId",
    {
      schema: {
        tags,
        summary: "One dialog",
        security: keySecurity,
        params: DialogParams,
        response: { 200: DialogView, ...authErrors },
      },
    },
    async (request) => {
      const { connectionId, dialogId } = request.params;
      const caller = authorize(request, connectionId, "read");
      return viewFor(caller, await requireDialog(deps.db, connectionId, dialogId));
    },
  );

  app.post(
    "/connections/:connectionId/dialogs/:dialogId/close",
    {
      schema: {
        tags,
        summary: "Close the dialog (⬛️, the native topic closed), as /close in its topic",
        security: keySecurity,
        params: DialogParams,
        response: dialogActionResponses,
      },
    },
    async (request, reply) => {
      const { connectionId, dialogId } = request.params;
      const caller = authorize(request, connectionId, "write");
      const connection = await existing(connections, connectionId);
      const dialog = await requireDialog(deps.db, connectionId, dialogId);
      if (dialog.status === "closed") return viewFor(caller, dialog);
      return answerDialogCommand(deps, reply, caller, connection, dialog, "/close");
    },
  );

  app.post(
    "/connections/:connectionId/dialogs/:dialogId/reopen",
    {
      schema: {
        tags,
        summary: "Reopen a closed dialog, as /hold (🟪) or /wait (🟨) in its topic (body {} for the default)",
        security: keySecurity,
        params: DialogParams,
        body: ReopenBody,
        response: dialogActionResponses,
      },
    },
    async (request, reply) => {
      const { connectionId, dialogId } = request.params;
      const caller = authorize(request, connectionId, "write");
      const connection = await existing(connections, connectionId);
      const dialog = await requireDialog(deps.db, connectionId, dialogId);
      const status = request.body.status ?? "user_answered";
      if (dialog.status === status) return viewFor(caller, dialog);
      const command = status === "user_answered" ? "/hold" : "/wait";
      return answerDialogCommand(deps, reply, caller, connection, dialog, command);
    },
  );
}
