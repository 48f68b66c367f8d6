import type { DomainEvent } from "@topicdesk/contracts";
import type { Harness } from "./e2e-harness.ts";

/** Every domain event of one kind and connection published so far (read from the TD_EVT stream). */
export async function publishedEvents(
  harness: Harness,
  kind: DomainEvent["kind"],
  connectionId: string,
): Promise<DomainEvent[]> {
  const { jsm } = harness.stack.bus;
  const stream = harness.stack.naming.eventsStream;
  const { state } = await jsm.streams.info(stream);
  const events: DomainEvent[] = [];
  for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq += 1) {
    const event = (await jsm.streams.getMessage(stream, { seq }).catch(() => null))?.json<DomainEvent>();
    if (event?.kind === kind && event.connectionId === connectionId) events.push(event);
  }
  return events;
}
