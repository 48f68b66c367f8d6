import { DialogStatus } from "@topicdesk/contracts";
import { createSecretBox, type NewConnection, type NewDialog } from "../src/index.ts";

export const box = createSecretBox("test key material");

/** A supergroup id as Telegram writes them: -100…, far beyond 2^31. */
export const BACKEND_CHAT_ID = -1_001_234_567_890;

let sequence = 0;
const next = () => ++sequence;

export function aConnection(overrides: Partial<NewConnection> = {}): NewConnection {
  const n = next();
  return {
    id: `bot-${n}`,
    kind: "bot",
    title: `Support bot ${n}`,
    bot_user_id: 7_000_000_000 + n,
    bot_username: `support_${n}_bot`,
    token: `${7_000_000_000 + n}:AAH-secret-token-${n}`,
    webhook_secret: `webhook-secret-${n}`,
    backend_chat_id: BACKEND_CHAT_ID,
    admin_user_id: 42,
    ...overrides,
  };
}

export function aDialog(connectionId: string, overrides: Partial<NewDialog> = {}): NewDialog {
  return {
    connection_id: connectionId,
    client_chat_id: 5_000_000_000 + next(),
    chat_type: "private",
    backend_chat_id: BACKEND_CHAT_ID,
    status: DialogStatus.UserAnswered,
    first_name: "Ada",
    username: "ada",
    language_code: "en",
    last_client_message_at: new Date(),
    ...overrides,
  };
}
