import { type InboundEvent, inboundEventValidator } from "@topicdesk/contracts";
import { describeErrors } from "./invalid-event-error.ts";

export type Decoded = { ok: true; event: InboundEvent } | { ok: false; errors: string[] };

/** Parses and validates a message body; never throws, so a bad message cannot stop a partition. */
export function decodeInbound(body: string): Decoded {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    return { ok: false, errors: [`not JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  if (inboundEventValidator.Check(value)) return { ok: true, event: value };
  return { ok: false, errors: describeErrors(inboundEventValidator.Errors(value)) };
}
