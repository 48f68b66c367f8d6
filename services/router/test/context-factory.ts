import type { DialogStatus, InboundEvent, MessageInfo } from "@topicdesk/contracts";
import { resolveParameters } from "@topicdesk/params";
import { dialogParametersFrom } from "../src/decide/dialog-parameters-from.ts";
import type { DialogState, EventContext } from "../src/decide/event-context.ts";

export const BACKEND_CHAT = -1001000000001;
export const CLIENT = {
  id: 4242,
  isBot: false,
  firstName: "Jane",
  lastName: "Doe",
  username: "jane",
  languageCode: "en",
};
export const OPERATOR = { id: 7777, isBot: false, firstName: "Olivia" };
export const NOW = new Date("2026-11-25T10:00:00Z");

let nextUpdate = 1;

function messageEvent(
  chat: InboundEvent["chat"],
  from: InboundEvent["from"],
  message: Partial<MessageInfo> & Pick<MessageInfo, "messageId" | "text">,
  kind: InboundEvent["kind"],
): InboundEvent {
  const id = nextUpdate++;
  return {
    v: 1,
    id: `main:${id}`,
    connectionId: "main",
    receivedAt: NOW.getTime(),
    kind,
    chat,
    from,
    message: { date: 0, content: "text", ...message },
  };
}

/** A client's message in their private chat with the bot. */
export function clientMessage(
  message: Partial<MessageInfo> = {},
  kind: InboundEvent["kind"] = "message",
): InboundEvent {
  return messageEvent(
    { id: CLIENT.id, type: "private" },
    CLIENT,
    { messageId: 100 + nextUpdate, text: "hello", ...message },
    kind,
  );
}

/** An operator's message in the client's topic (thread 55) of the backend group. */
export function operatorMessage(
  message: Partial<MessageInfo> = {},
  kind: InboundEvent["kind"] = "message",
): InboundEvent {
  return messageEvent(
    { id: BACKEND_CHAT, type: "supergroup", isForum: true },
    OPERATOR,
    { messageId: 900 + nextUpdate, text: "answer", threadId: 55, ...message },
    kind,
  );
}

export function dialog(status: DialogStatus, overrides: Partial<DialogState> = {}): DialogState {
  return {
    id: 1,
    clientChatId: CLIENT.id,
    chatType: "private",
    status,
    topicId: 55,
    blocked: false,
    banned: false,
    firstName: CLIENT.firstName,
    lastName: CLIENT.lastName,
    username: CLIENT.username,
    languageCode: "en",
    title: null,
    phone: null,
    startParam: null,
    createdAt: new Date("2026-11-01T09:00:00Z"),
    labels: [],
    ...overrides,
  };
}

export function contextFor(
  event: InboundEvent,
  options: { dialog?: DialogState; params?: Record<string, string>; extra?: Partial<EventContext> } = {},
): EventContext {
  return {
    event,
    connection: { id: "main", backendChatId: BACKEND_CHAT, adminUserId: 1, botUserId: 999 },
    dialog: options.dialog,
    params: dialogParametersFrom(resolveParameters(options.params ?? {})),
    now: NOW,
    pseudonymKey: "test-key",
    // Commands check their caller's role: by default the operator is a plain member of the group.
    ...(event.chat.id === BACKEND_CHAT && event.from
      ? {
          caller: {
            userId: event.from.id,
            role: "operator",
            member: { status: "member", canRestrictMembers: false },
          },
        }
      : {}),
    ...options.extra,
  };
}
