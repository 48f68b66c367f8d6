import { BackendGroupError, registerBotConnection } from "@topicdesk/connections";
import { ConnectionRepository } from "@topicdesk/db";
import type { SetupDeps } from "../setup-deps.ts";
import { connectionIdFor } from "./connection-id.ts";

export interface BotRegistrationRequest {
  token: string;
  botUsername: string;
  backendChatId: number;
  adminUserId: number;
}

export type BotRegistration = { ok: true; connectionId: string } | { ok: false; reason: string };

/**
 * Stores the new connection through the same registration as the CLI and start-up (token sealed,
 * group checked again), with the person as its administrator; ingress is told and starts receiving.
 */
export async function registerBotFromSetup(
  deps: SetupDeps,
  request: BotRegistrationRequest,
): Promise<BotRegistration> {
  const taken = new Set((await new ConnectionRepository(deps.db).list()).map((row) => row.id));
  const connectionId = connectionIdFor(request.botUsername, taken);
  try {
    await registerBotConnection(
      deps.db,
      deps.secretBox,
      {
        id: connectionId,
        token: request.token,
        backendChatId: request.backendChatId,
        telegramApiRoot: deps.telegramApiRoot,
        adminUserId: request.adminUserId,
      },
      deps.changes,
    );
  } catch (error) {
    if (error instanceof BackendGroupError) return { ok: false, reason: error.message };
    throw error;
  }
  return { ok: true, connectionId };
}
