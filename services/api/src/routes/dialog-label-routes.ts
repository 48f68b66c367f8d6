import { ConnectionRepository, LabelRepository } from "@topicdesk/db";
import Type from "typebox";
import { badRequest, unprocessable } from "../app/api-errors.ts";
import type { ApiApp, ApiDeps } from "../app/route-context.ts";
import { authorize } from "../auth/api-key-auth.ts";
import { requireDialog } from "../dialog-actions/dialog-query.ts";
import { hideInfoOf } from "../dialog-actions/hide-info.ts";
import { keySecurity } from "../schemas/common-schemas.ts";
import { dialogView } from "../schemas/dialog-schemas.ts";
import { existing } from "./connection-routes.ts";
import { answerDialogCommand, DialogParams, dialogActionResponses } from "./dialog-routes.ts";

const tags = ["dialogs"];

const LabelBody = Type.Object(
  {
    label: Type.String({
      pattern: "^[A-Za-z][A-Za-z0-9_-]{0,31}$",
      description: "a label created with /mark new NAME (case-insensitive)",
    }),
  },
  { additionalProperties: false },
);

/** Words `/mark` reads as keywords, so they can never be label names. */
const RESERVED = new Set(["new", "del", "help", "clear"]);

/**
 * Tag and untag a dialog. Like close and reopen, the API does not change the dialog itself: it has
 * the router run `/mark NAME` (or `/mark del NAME`) in the dialog's topic, so one piece of logic
 * decides the funnel (`after` takes earlier stages off), the topic name's tickers, a quick reply
 * the label `sends`, `dialog.tagged` and the webhooks. What the router would only refuse with a
 * notice in the topic (an unknown label) is refused here with a clear answer instead.
 */
export function dialogLabelRoutes(app: ApiApp, deps: ApiDeps): void {
  const connections = new ConnectionRepository(deps.db);
  const labels = new LabelRepository(deps.db);

  const prepare = async (connectionId: string, dialogId: number, raw: string) => {
    const label = raw.toLowerCase();
    if (RESERVED.has(label)) throw badRequest(`“${label}” is a /mark keyword, not a label name.`);
    const connection = await existing(connections, connectionId);
    const dialog = await requireDialog(deps.db, connectionId, dialogId);
    return { label, connection, dialog };
  };

  app.post(
    "/connections/:connectionId/dialogs/:dialogId/tag",
    {
      schema: {
        tags,
        summary: "Put a label on the dialog, as /mark NAME in its topic",
        description:
          "The label must exist (/mark new NAME in the General topic); 422 otherwise. A label the dialog already has changes nothing.",
        security: keySecurity,
        params: DialogParams,
        body: LabelBody,
        response: { ...dialogActionResponses, 422: Type.Ref("ErrorBody") },
      },
    },
    async (request, reply) => {
      const { connectionId, dialogId } = request.params;
      const caller = authorize(request, connectionId, "write");
      const { label, connection, dialog } = await prepare(connectionId, dialogId, request.body.label);
      if (dialog.labels.includes(label))
        return dialogView(dialog, await hideInfoOf(deps.db, connectionId), caller.scopes);
      const known = (await labels.list(connectionId)).some((row) => row.name === label);
      if (!known) {
        throw unprocessable(
          `There is no label “${label}” on connection ${connectionId}; create it with /mark new ${label} in the General topic.`,
        );
      }
      return answerDialogCommand(deps, reply, caller, connection, dialog, `/mark ${label}`);
    },
  );

  app.post(
    "/connections/:connectionId/dialogs/:dialogId/untag",
    {
      schema: {
        tags,
        summary: "Take a label off the dialog, as /mark del NAME in its topic",
        description: "A label the dialog does not have changes nothing.",
        security: keySecurity,
        params: DialogParams,
        body: LabelBody,
        response: dialogActionResponses,
      },
    },
    async (request, reply) => {
      const { connectionId, dialogId } = request.params;
      const caller = authorize(request, connectionId, "write");
      const { label, connection, dialog } = await prepare(connectionId, dialogId, request.body.label);
      if (!dialog.labels.includes(label))
        return dialogView(dialog, await hideInfoOf(deps.db, connectionId), caller.scopes);
      return answerDialogCommand(deps, reply, caller, connection, dialog, `/mark del ${label}`);
    },
  );
}
