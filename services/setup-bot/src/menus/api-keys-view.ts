import { API_SCOPES, type ApiKey } from "@topicdesk/db";
import { InlineKeyboard } from "grammy";
import { connectionData } from "./callback-data.ts";

/**
 * A connection's API keys (reference §8.1 "Reset API Key"; issue 5: created and revoked by the CLI,
 * the API and the setup bot). Keys show by prefix only: the secret is shown once, when issued.
 */
export function apiKeysView(
  connectionId: string,
  keys: readonly ApiKey[],
): { text: string; keyboard: InlineKeyboard } {
  const live = keys.filter((key) => key.revoked_at === null);
  const lines = live.map(
    (key) => `• #${key.id} ${key.key_prefix}… “${key.label}” — ${key.scopes.join(", ")}`,
  );
  const text = [
    `API keys of “${connectionId}” (for the HTTP API and webhooks):`,
    ...(lines.length > 0 ? lines : ["none yet"]),
    "",
    "read: see dialogs and settings · write: also post and close · admin: also change parameters and keys.",
  ].join("\n");
  const keyboard = new InlineKeyboard();
  API_SCOPES.forEach((scope, index) => {
    keyboard.text(`➕ ${scope} key`, connectionData(connectionId, "key-new", index));
  });
  keyboard.row();
  for (const key of live)
    keyboard.text(`Revoke #${key.id}`, connectionData(connectionId, "key-revoke", key.id)).row();
  keyboard.text("« Connection", connectionData(connectionId, "card"));
  return { text, keyboard };
}
