import type { MtprotoCallError, MtprotoLookupOperation, MtprotoOperation } from "@topicdesk/contracts";

/** Only sends have a destination to pause; lookups (`isMtprotoLookup`) never wait for one. */
type SendOperation = Exclude<MtprotoOperation, MtprotoLookupOperation>;

/**
 * FLOOD_WAIT_X and SLOWMODE_WAIT_X pause the chat they came from, for X seconds, and nothing else:
 * calls to other chats of the same session go on. A call to a paused chat is answered with the
 * remaining wait at once, without asking Telegram (asking early only makes the wait longer).
 */
export interface DestinationPauses {
  /** The 429 to answer instead of calling, while the operation's destination is paused. */
  check(operation: SendOperation): MtprotoCallError | undefined;
  record(operation: SendOperation, error: MtprotoCallError): void;
}

export function createDestinationPauses(now: () => number = Date.now): DestinationPauses {
  const pausedUntil = new Map<number, number>();
  return {
    check(operation) {
      const chatId = destinationOf(operation);
      const until = pausedUntil.get(chatId);
      if (until === undefined) return undefined;
      const remainingMs = until - now();
      if (remainingMs <= 0) {
        pausedUntil.delete(chatId);
        return undefined;
      }
      const seconds = Math.ceil(remainingMs / 1000);
      return {
        code: 429,
        description: `Too Many Requests: retry after ${seconds}`,
        retryAfterSeconds: seconds,
      };
    },
    record(operation, error) {
      if (error.code !== 429 || error.retryAfterSeconds === undefined) return;
      pausedUntil.set(destinationOf(operation), now() + error.retryAfterSeconds * 1000);
    },
  };
}

function destinationOf(operation: SendOperation): number {
  return operation.op === "messages.copy" || operation.op === "messages.forward"
    ? operation.toChatId
    : operation.chatId;
}
