import type { DialogParameters } from "./dialog-parameters.ts";
import type { DialogState } from "./event-context.ts";
import { visibleClientName } from "./topic-name.ts";

/**
 * The /info card (plain text, so no user-controlled string can break Markdown). HIDE_INFO `name`
 * replaces names with the pseudonym and drops the username; `link` drops the username and phone,
 * which are the ways to reach the client outside Topicdesk.
 */
export type CardSubject = Omit<DialogState, "id" | "status" | "topicId" | "blocked" | "banned">;

export function infoCard(
  dialog: CardSubject,
  connectionId: string,
  params: DialogParameters,
  pseudonymKey: string,
): string {
  const hideName = params.hideInfo.has(dialog.chatType === "private" ? "name" : "title");
  const hideLinks = hideName || params.hideInfo.has("link");
  const lines = [
    `ℹ️ ${visibleClientName(dialog, params, pseudonymKey)}`,
    hideName ? undefined : `id: ${dialog.clientChatId}`,
    hideLinks || !dialog.username ? undefined : `username: @${dialog.username}`,
    hideLinks || !dialog.phone ? undefined : `phone: ${dialog.phone}`,
    dialog.languageCode ? `language: ${dialog.languageCode}` : undefined,
    `chat: ${dialog.chatType}`,
    dialog.startParam ? `start parameter: ${dialog.startParam}` : undefined,
    dialog.labels.length > 0 ? `labels: ${dialog.labels.join(", ")}` : undefined,
    `first contact: ${dialog.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    `connection: ${connectionId}`,
  ];
  return lines.filter((line): line is string => line !== undefined).join("\n");
}

/**
 * The first message of every new topic: who the client is (name, username, language, id), masked
 * like /info. With AUTO_INFO it is the full /info card instead, which says which connection the
 * dialog came through (the reference's reason for AUTO_INFO: several connections in one group).
 */
export function openingCard(
  dialog: CardSubject,
  connectionId: string,
  params: DialogParameters,
  pseudonymKey: string,
): string {
  const card = infoCard(dialog, connectionId, params, pseudonymKey);
  if (params.autoInfo) return card;
  const brief = /^(ℹ️ |id: |username: |language: |start parameter: )/;
  return card
    .split("\n")
    .filter((line) => brief.test(line))
    .join("\n");
}
