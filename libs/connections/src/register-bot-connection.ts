import { randomBytes } from "node:crypto";
import {
  type Connection,
  ConnectionRepository,
  type Database,
  type SecretBox,
  SecretDecryptionError,
} from "@topicdesk/db";
import { createBotApi } from "@topicdesk/telegram";
import type { Kysely } from "kysely";
import { checkBackendGroup } from "./backend-group-check.ts";
import type { ConnectionChanges } from "./changes/connection-changes.ts";

export interface BotConnectionRequest {
  id: string;
  token: string;
  backendChatId: number;
  telegramApiRoot: string;
  adminUserId?: number;
}

/**
 * Adds or refreshes a bot connection: asks Telegram who the bot is, checks the backend group, and
 * stores the token sealed. Idempotent: the webhook secret of an existing connection is kept, so a
 * restart does not invalidate the webhook Telegram already has. With `changes`, ingress and delivery
 * are told (the start-up bootstrap runs before them and needs no announcement).
 */
export async function registerBotConnection(
  db: Kysely<Database>,
  box: SecretBox,
  request: BotConnectionRequest,
  changes?: ConnectionChanges,
): Promise<Connection> {
  const api = createBotApi(request.token, { apiRoot: request.telegramApiRoot });
  const me = await api.getMe();
  await checkBackendGroup(api, request.backendChatId, me.id);
  const repository = new ConnectionRepository(db);
  const existing = await repository.get(request.id);
  const secret = (existing && keptSecret(repository, existing, box)) ?? randomBytes(24).toString("hex");
  const stored = await repository.upsertBotConnection(
    {
      id: request.id,
      title: `@${me.username}`,
      bot_user_id: me.id,
      bot_username: me.username,
      token: request.token,
      webhook_secret: secret,
      backend_chat_id: request.backendChatId,
      admin_user_id: request.adminUserId ?? existing?.admin_user_id ?? null,
    },
    box,
  );
  await changes?.announce(stored.id, existing ? "changed" : "added");
  return stored;
}

/**
 * The existing webhook secret, or undefined when it was sealed with another key (a development
 * install restarted with a new throwaway key): then a new secret replaces it, as the token does.
 */
function keptSecret(
  repository: ConnectionRepository,
  connection: Connection,
  box: SecretBox,
): string | undefined {
  try {
    return repository.revealWebhookSecret(connection, box);
  } catch (error) {
    if (error instanceof SecretDecryptionError) return undefined;
    throw error;
  }
}
