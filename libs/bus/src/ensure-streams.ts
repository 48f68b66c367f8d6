import { type JetStreamManager, StorageType, type StreamConfig } from "@nats-io/jetstream";
import { nanos } from "@nats-io/nats-core";
import type { Bus } from "./bus-connection.ts";
import { type BusNaming, createBusNaming } from "./bus-naming.ts";
import { isStreamNotFound } from "./jetstream-errors.ts";

export interface EnsureStreamsOptions {
  /** Isolates the streams (`<prefix>.td.in.>` in `<PREFIX>_TD_IN`); tests use a unique one. */
  prefix?: string;
  /** How long inbound events are kept; a router that is down longer loses them. Default 7 days. */
  inboundMaxAgeSeconds?: number;
  /** How long domain events are kept for integrators to read. Default 7 days. */
  eventsMaxAgeSeconds?: number;
  /** Stream replicas in a NATS cluster. Default 1 (a single server). */
  replicas?: number;
}

const SEVEN_DAYS_SECONDS = 7 * 24 * 60 * 60;
/**
 * JetStream drops a message whose `Nats-Msg-Id` it saw within this window. Telegram retries an
 * unanswered webhook within seconds to a minute, so two minutes covers a redelivered update.
 */
const DUPLICATE_WINDOW_MS = 2 * 60 * 1000;

/**
 * Creates the inbound and events streams, or updates them to this configuration; safe to run at
 * every start. Returns the naming to publish and consume with.
 */
export async function ensureStreams(bus: Bus, options: EnsureStreamsOptions = {}): Promise<BusNaming> {
  const naming = createBusNaming(options.prefix);
  const inboundMaxAgeSeconds = checkMaxAge("inboundMaxAgeSeconds", options.inboundMaxAgeSeconds);
  const eventsMaxAgeSeconds = checkMaxAge("eventsMaxAgeSeconds", options.eventsMaxAgeSeconds);
  const common = {
    storage: StorageType.File,
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    num_replicas: options.replicas ?? 1,
  };
  await ensureStream(bus.jsm, {
    ...common,
    name: naming.inboundStream,
    subjects: [naming.inboundSubjects],
    max_age: nanos(inboundMaxAgeSeconds * 1000),
  });
  await ensureStream(bus.jsm, {
    ...common,
    name: naming.eventsStream,
    subjects: [naming.eventsSubjects],
    max_age: nanos(eventsMaxAgeSeconds * 1000),
  });
  return naming;
}

/** JetStream refuses a duplicate window longer than the stream keeps messages. */
function checkMaxAge(option: string, seconds = SEVEN_DAYS_SECONDS): number {
  const minimum = DUPLICATE_WINDOW_MS / 1000;
  if (!(seconds >= minimum)) {
    throw new Error(`${option} must be at least ${minimum} (the duplicate window); got ${seconds}`);
  }
  return seconds;
}

/**
 * Creates one stream, or brings it to this configuration (all but the storage type, which the
 * server never changes); safe at every start. Services with a stream of their own (the webhook
 * relay) use it too.
 */
export async function ensureStream(
  jsm: JetStreamManager,
  config: Partial<StreamConfig> & { name: string },
): Promise<void> {
  try {
    await jsm.streams.info(config.name);
  } catch (error) {
    if (!isStreamNotFound(error)) throw error;
    await jsm.streams.add(config);
    return;
  }
  const { name, storage: _immutable, ...updatable } = config;
  await jsm.streams.update(name, updatable);
}
