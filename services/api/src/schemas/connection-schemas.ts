import type { Connection } from "@topicdesk/db";
import Type from "typebox";
import { Timestamp } from "./common-schemas.ts";

export const ConnectionView = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal("bot"), Type.Literal("account")]),
  title: Type.String(),
  botUsername: Type.Union([Type.String(), Type.Null()]),
  backendChatId: Type.Number(),
  adminUserId: Type.Union([Type.Number(), Type.Null()]),
  status: Type.Union([Type.Literal("active"), Type.Literal("paused")]),
  createdAt: Timestamp,
});
export type ConnectionView = Type.Static<typeof ConnectionView>;

export const NewConnectionBody = Type.Object(
  {
    id: Type.String({
      pattern: "^[a-z0-9][a-z0-9-]{0,39}$",
      description: "lowercase letters, digits, dashes",
    }),
    token: Type.String({ pattern: "^[0-9]+:[A-Za-z0-9_-]{20,}$", description: "bot token from @BotFather" }),
    backendChatId: Type.Integer({ maximum: -1, description: "the forum supergroup (-100…)" }),
    adminUserId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

/** A connection as the API shows it: never its token or webhook secret. */
export function connectionView(row: Connection): ConnectionView {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    botUsername: row.bot_username,
    backendChatId: row.backend_chat_id,
    adminUserId: row.admin_user_id,
    status: row.status,
    createdAt: row.created_at.toISOString(),
  };
}
