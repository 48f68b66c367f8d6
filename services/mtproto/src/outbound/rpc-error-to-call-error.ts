import { tl } from "@mtcute/node";
import type { MtprotoCallError } from "@topicdesk/contracts";
import { CallRefusal } from "./call-refusal.ts";

/**
 * MTProto errors in the Bot API's terms, so delivery classifies both transports with one table
 * (`@topicdesk/telegram`). This is the one place that reads MTProto error texts.
 */
const FORBIDDEN_TEXTS: Readonly<Record<string, string>> = {
  USER_IS_BLOCKED: "Forbidden: bot was blocked by the user",
  YOU_BLOCKED_USER: "Forbidden: bot was blocked by the user",
  USER_DEACTIVATED: "Forbidden: user is deactivated",
  CHANNEL_PRIVATE: "Forbidden: bot is not a member of the channel chat",
  USER_NOT_PARTICIPANT: "Forbidden: bot is not a member of the chat",
  USER_BANNED_IN_CHANNEL: "Forbidden: bot was kicked from the chat",
};

const BAD_REQUEST_TEXTS: Readonly<Record<string, string>> = {
  MESSAGE_NOT_MODIFIED: "Bad Request: message is not modified",
  MESSAGE_ID_INVALID: "Bad Request: message to copy not found",
  PEER_ID_INVALID: "Bad Request: chat not found",
  CHAT_WRITE_FORBIDDEN: "Bad Request: not enough rights to send messages",
  CHAT_ADMIN_REQUIRED: "Bad Request: CHAT_ADMIN_REQUIRED",
};

export function callErrorOf(error: unknown): MtprotoCallError {
  if (error instanceof CallRefusal) return error.callError;
  if (!(error instanceof tl.RpcError)) {
    // Disconnects and timeouts: the same call may succeed once the session is back.
    return {
      code: 502,
      description: `MTProto call failed: ${error instanceof Error ? error.name : "error"}`,
    };
  }
  if (error.is("FLOOD_WAIT_%d") || error.is("SLOWMODE_WAIT_%d")) {
    return {
      code: 429,
      description: `Too Many Requests: ${error.text.replace("%d", String(error.seconds))}`,
      retryAfterSeconds: error.seconds,
    };
  }
  const forbidden = FORBIDDEN_TEXTS[error.text];
  if (forbidden) return { code: 403, description: forbidden };
  const badRequest = BAD_REQUEST_TEXTS[error.text];
  if (badRequest) return { code: 400, description: badRequest };
  if (error.code === 401) return { code: 401, description: `Unauthorized: ${error.text}` };
  if (error.code >= 500 || error.code < 0)
    return { code: 500, description: `Internal Server Error: ${error.text}` };
  if (error.code === 403) return { code: 403, description: `Forbidden: ${error.text}` };
  // TOPIC_DELETED, TOPIC_NOT_MODIFIED … are matched by their own text in delivery's table.
  return { code: 400, description: `Bad Request: ${error.text}` };
}
