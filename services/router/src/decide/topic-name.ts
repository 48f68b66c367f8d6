import { type DialogStatus, dialogStatusIcon } from "@topicdesk/contracts";
import type { ClientCard } from "./decision.ts";
import type { DialogParameters } from "./dialog-parameters.ts";
import { pseudonymFor } from "./pseudonym.ts";

// Telegram refuses topic names longer than 128 characters.
const MAX_TOPIC_NAME = 128;

export interface NamedClient extends ClientCard {
  clientChatId: number;
  chatType: string;
  /** Tickers of the client's labels (`/mark … ticker`), e.g. the manager the dialog is assigned to. */
  tickers?: string[] | undefined;
}

/** The client's display name as operators may see it (a pseudonym when HIDE_INFO hides it). */
export function visibleClientName(
  client: NamedClient,
  params: DialogParameters,
  pseudonymKey: string,
): string {
  const isPrivate = client.chatType === "private";
  const hidden = isPrivate ? params.hideInfo.has("name") : params.hideInfo.has("title");
  if (hidden) return pseudonymFor(client.clientChatId, pseudonymKey);
  const name = isPrivate
    ? [client.firstName, client.lastName].filter((part) => part && part.length > 0).join(" ")
    : (client.title ?? "");
  return name.trim().length > 0 ? name.trim() : `Client ${client.clientChatId}`;
}

/**
 * "🟪 Jane Doe · 12345": status first so the topic list sorts by attention, the id so two clients
 * with one name stay apart. Hidden names get no id (the id would undo the pseudonym). Label tickers
 * come right after the status ("🟪 Alex · Jane Doe · 12345") so assignments read at a glance.
 */
export function topicName(
  client: NamedClient,
  status: DialogStatus,
  params: DialogParameters,
  pseudonymKey: string,
): string {
  const name = visibleClientName(client, params, pseudonymKey);
  const hidden = params.hideInfo.has(client.chatType === "private" ? "name" : "title");
  const tickers = client.tickers?.length ? `${client.tickers.join(" ")} · ` : "";
  const full = hidden
    ? `${dialogStatusIcon[status]} ${tickers}${name}`
    : `${dialogStatusIcon[status]} ${tickers}${name} · ${client.clientChatId}`;
  return full.length <= MAX_TOPIC_NAME ? full : `${full.slice(0, MAX_TOPIC_NAME - 1)}…`;
}
