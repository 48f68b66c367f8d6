import { AckPolicy, type Consumer, DeliverPolicy, StorageType } from "@nats-io/jetstream";
import { nanos } from "@nats-io/nats-core";
import { type Bus, type BusNaming, ensureDurableConsumer, ensureStream } from "@topicdesk/bus";
import { RELAY_STREAM, RELAY_SUBJECTS, relaySubject } from "@topicdesk/contracts";

/** The relay stream's names under the bus naming's prefix (tests isolate themselves with one). */
export interface RelayNaming {
  readonly stream: string;
  readonly subjects: string;
  subject(connectionId: string): string;
}

/** `<prefix>.td.relay.>` in `<PREFIX>_TD_RELAY`: the bus naming's own prefix rule. */
export function relayNaming(naming: BusNaming): RelayNaming {
  return {
    stream: naming.stream(RELAY_STREAM),
    subjects: naming.subject(RELAY_SUBJECTS),
    subject: (connectionId) => naming.subject(relaySubject(connectionId)),
  };
}

/** Telegram itself keeps an update it could not deliver for 24 hours; the relay keeps its copy as long. */
const MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** As on the inbound stream: an update Telegram sends again within two minutes is stored once. */
const DUPLICATE_WINDOW_MS = 2 * 60 * 1000;
/** Bounds a crashed forwarder; a live one signals progress while it retries. */
export const RELAY_ACK_WAIT_MS = 30_000;

/** Creates the relay stream, or brings it to this configuration; safe at every start. */
export async function ensureRelayStream(bus: Bus, names: RelayNaming): Promise<void> {
  await ensureStream(bus.jsm, {
    name: names.stream,
    subjects: [names.subjects],
    storage: StorageType.File,
    max_age: nanos(MAX_AGE_MS),
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
  });
}

/**
 * The connection's durable consumer: one unacknowledged update at a time, so the other system gets
 * them in Telegram's order; never gives up on its own (the forwarder decides when to drop one).
 */
export async function relayConsumer(bus: Bus, names: RelayNaming, connectionId: string): Promise<Consumer> {
  const durableName = `relay-${connectionId}`;
  await ensureDurableConsumer(bus.jsm, names.stream, {
    durable_name: durableName,
    filter_subject: names.subject(connectionId),
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(RELAY_ACK_WAIT_MS),
    max_ack_pending: 1,
    max_deliver: -1,
  });
  return await bus.js.consumers.get(names.stream, durableName);
}

/**
 * Stores the update's body exactly as Telegram sent it; resolves once JetStream has it. The message
 * id is the inbound event's (`<connection>:<update_id>`), so Telegram's retry is stored once.
 */
export async function storeRelayCopy(
  bus: Bus,
  names: RelayNaming,
  connectionId: string,
  updateId: number,
  rawBody: string,
): Promise<void> {
  await bus.js.publish(names.subject(connectionId), rawBody, {
    msgID: `${connectionId}:${updateId}`,
    expect: { streamName: names.stream },
  });
}
