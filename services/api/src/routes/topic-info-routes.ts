import { ConnectionRepository, ParameterRepository } from "@topicdesk/db";
import { resolveParameters } from "@topicdesk/params";
import Type from "typebox";
import { notFound } from "../app/api-errors.ts";
import type { ApiApp, ApiDeps } from "../app/route-context.ts";
import { authorize } from "../auth/api-key-auth.ts";
import { authErrors, ConnectionParams, keySecurity } from "../schemas/common-schemas.ts";
import { dialogView } from "../schemas/dialog-schemas.ts";
import { existing } from "./connection-routes.ts";

const NullableString = Type.Union([Type.String(), Type.Null()]);

/** The reference's `info_by_topic` answer, field for field, so an assistant bot moving over keeps working. */
const TopicInfo = Type.Object({
  result: Type.Literal("topic_info"),
  group_id: Type.String(),
  topic_id: Type.Number(),
  frontend_type: Type.Union([Type.Literal("private"), Type.Literal("group"), Type.Literal("channel")]),
  instance_name: Type.String(),
  instance_frontend_user_id: Type.Union([Type.Number(), Type.Null()]),
  instance_id: Type.String(),
  chat_id: Type.Number(),
  thread_id: Type.Number(),
  topic_last_date: NullableString,
  topic_status: Type.String(),
  topic_title: NullableString,
  dialog_id: Type.Number(),
  user_id: Type.Number(),
  user_name: NullableString,
  user_first_name: NullableString,
  user_last_name: NullableString,
  user_username: NullableString,
  user_lang: NullableString,
  user_phone: NullableString,
  chat_title: NullableString,
});

/**
 * `info_by_topic` (reference §5.1): which client a topic belongs to. `group_id` is accepted as in the
 * public topic link (`t.me/c/<group_id>/<topic_id>`, without -100) or as the full chat id.
 */
export function topicInfoRoutes(app: ApiApp, deps: ApiDeps): void {
  const connections = new ConnectionRepository(deps.db);
  const parameters = new ParameterRepository(deps.db);

  app.get(
    "/connections/:connectionId/topic-info",
    {
      schema: {
        tags: ["dialogs"],
        summary: "info_by_topic: the client of a topic, from the numbers in its link",
        security: keySecurity,
        params: ConnectionParams,
        querystring: Type.Object({
          group_id: Type.String({ pattern: "^-?[0-9]{1,20}$" }),
          topic_id: Type.Integer({ minimum: 1 }),
        }),
        response: { 200: TopicInfo, ...authErrors },
      },
    },
    async (request) => {
      const { connectionId } = request.params;
      const caller = authorize(request, connectionId, "read");
      const connection = await existing(connections, connectionId);
      const chatId = fullChatId(request.query.group_id);
      const { topic_id: topicId } = request.query;
      const dialog =
        chatId === connection.backend_chat_id
          ? await deps.db
              .selectFrom("dialogs")
              .selectAll()
              .where("connection_id", "=", connectionId)
              .where("backend_chat_id", "=", chatId)
              .where("topic_id", "=", topicId)
              .executeTakeFirst()
          : undefined;
      if (!dialog)
        throw notFound(
          `Topic ${topicId} of group ${request.query.group_id} is no client dialog of ${connectionId}.`,
        );
      const hideInfo = resolveParameters(await parameters.listRaw(connectionId)).values.HIDE_INFO;
      const view = dialogView(dialog, hideInfo, caller.scopes);
      const name = [view.firstName, view.lastName].filter(Boolean).join(" ") || null;
      return {
        result: "topic_info" as const,
        group_id: String(chatId).replace(/^-100/, ""),
        topic_id: topicId,
        frontend_type: frontendType(dialog.chat_type),
        instance_name: connection.title,
        instance_frontend_user_id: connection.bot_user_id,
        instance_id: connection.id,
        chat_id: chatId,
        thread_id: topicId,
        topic_last_date: view.lastClientMessageAt ?? view.createdAt,
        topic_status: dialog.status,
        topic_title: dialog.topic_name,
        dialog_id: dialog.id,
        user_id: dialog.client_chat_id,
        user_name: name,
        user_first_name: view.firstName,
        user_last_name: view.lastName,
        user_username: view.username,
        user_lang: view.languageCode,
        user_phone: view.phone,
        chat_title: view.title,
      };
    },
  );
}

/** `2101424779` (as in t.me/c links) → `-1002101424779`; a full `-100…` id stays as it is. */
function fullChatId(groupId: string): number {
  return groupId.startsWith("-") ? Number(groupId) : Number(`-100${groupId}`);
}

function frontendType(chatType: string): "private" | "group" | "channel" {
  if (chatType === "private") return "private";
  return chatType === "channel" ? "channel" : "group";
}
