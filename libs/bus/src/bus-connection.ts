import { type JetStreamClient, type JetStreamManager, jetstream, jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/nats-core";
import { connect } from "@nats-io/transport-node";

/** One NATS connection with its JetStream client and manager. */
export interface Bus {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  /** Flushes pending publishes and closes; stop consumers first so in-flight messages finish. */
  close(): Promise<void>;
}

export interface ConnectBusOptions {
  url: string;
  /** Shown in the server's connection list (e.g. "router"), which helps when debugging. */
  name: string;
}

export async function connectBus(options: ConnectBusOptions): Promise<Bus> {
  const nc = await connect({
    servers: options.url,
    name: options.name,
    // A long-running service keeps trying through a NATS restart instead of giving up after 10
    // attempts; publishes fail meanwhile (ingress answers Telegram with an error, Telegram retries).
    maxReconnectAttempts: -1,
  });
  const jsm = await jetstreamManager(nc);
  return {
    nc,
    js: jetstream(nc),
    jsm,
    close: async () => {
      if (!nc.isClosed()) await nc.drain();
    },
  };
}
