import type { ApiScope, Dialog } from "@topicdesk/db";
import type { HideInfoOption } from "@topicdesk/params";
import Type from "typebox";
import { NullableTimestamp, Timestamp } from "./common-schemas.ts";

const NullableString = Type.Union([Type.String(), Type.Null()]);

export const DialogStatusSchema = Type.Union([
  Type.Literal("user_answered"),
  Type.Literal("support_answered"),
  Type.Literal("closed"),
]);

export const DialogView = Type.Object({
  id: Type.Number(),
  connectionId: Type.String(),
  clientChatId: Type.Number(),
  chatType: Type.String(),
  status: DialogStatusSchema,
  backendChatId: Type.Number(),
  topicId: Type.Union([Type.Number(), Type.Null()]),
  /** `https://t.me/c/<group>/<topic>`: opens the topic for a member of the backend group. */
  topicLink: NullableString,
  firstName: NullableString,
  lastName: NullableString,
  username: NullableString,
  title: NullableString,
  languageCode: NullableString,
  phone: NullableString,
  startParam: NullableString,
  labels: Type.Array(Type.String()),
  blocked: Type.Boolean(),
  banned: Type.Boolean(),
  createdAt: Timestamp,
  lastClientMessageAt: NullableTimestamp,
  lastOperatorMessageAt: NullableTimestamp,
  closedAt: NullableTimestamp,
});
export type DialogView = Type.Static<typeof DialogView>;

/** `https://t.me/c/<id without -100>/<topic>`, the link form the reference's topics API reads. */
export function topicLink(backendChatId: number, topicId: number | null): string | null {
  if (topicId === null) return null;
  return `https://t.me/c/${String(backendChatId).replace(/^-100/, "")}/${topicId}`;
}

/**
 * What of the clients a key may not see: HIDE_INFO hides client data from the team, and keys short
 * of `admin` (handed to integrations) get the same masking; an admin key sees everything, like the
 * administrator. The one rule for dialog views and the export.
 */
export function hiddenFor(
  hideInfo: readonly HideInfoOption[],
  scopes: readonly ApiScope[],
): Set<HideInfoOption> {
  return scopes.includes("admin") ? new Set() : new Set(hideInfo);
}

/** A dialog as a key sees it: client data masked per `hiddenFor`. */
export function dialogView(
  row: Dialog,
  hideInfo: readonly HideInfoOption[],
  scopes: readonly ApiScope[],
): DialogView {
  const hide = hiddenFor(hideInfo, scopes);
  const iso = (date: Date | null) => (date === null ? null : new Date(date).toISOString());
  return {
    id: row.id,
    connectionId: row.connection_id,
    clientChatId: row.client_chat_id,
    chatType: row.chat_type,
    status: row.status,
    backendChatId: row.backend_chat_id,
    topicId: row.topic_id,
    topicLink: topicLink(row.backend_chat_id, row.topic_id),
    firstName: hide.has("name") ? null : row.first_name,
    lastName: hide.has("name") ? null : row.last_name,
    username: hide.has("link") || hide.has("name") ? null : row.username,
    title: hide.has("title") ? null : row.title,
    languageCode: row.language_code,
    phone: hide.has("name") ? null : row.phone,
    startParam: row.start_param,
    labels: row.labels,
    blocked: row.blocked,
    banned: row.banned,
    createdAt: row.created_at.toISOString(),
    lastClientMessageAt: iso(row.last_client_message_at),
    lastOperatorMessageAt: iso(row.last_operator_message_at),
    closedAt: iso(row.closed_at),
  };
}
