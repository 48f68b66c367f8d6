import type { MtprotoCallError } from "@topicdesk/contracts";

/**
 * A call the service refuses itself, before or instead of asking Telegram (markup the Bot API would
 * not parse, a file that is gone), already in the Bot API's terms so delivery classifies it like
 * Telegram's own answer.
 */
export class CallRefusal extends Error {
  readonly callError: MtprotoCallError;

  constructor(callError: MtprotoCallError) {
    super(callError.description);
    this.name = "CallRefusal";
    this.callError = callError;
  }
}

/** A 400, worded like the Bot API's (`Bad Request: …`). */
export function badRequest(reason: string): CallRefusal {
  return new CallRefusal({ code: 400, description: `Bad Request: ${reason}` });
}
