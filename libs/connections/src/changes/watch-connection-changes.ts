import type { NatsConnection, Status, Subscription } from "@nats-io/nats-core";
import {
  type ConnectionChange,
  connectionChangeValidator,
  connectionControlSubject,
} from "@topicdesk/contracts";
import type { Logger } from "@topicdesk/telemetry";

export interface WatchConnectionChangesOptions {
  nc: Pick<NatsConnection, "subscribe" | "status">;
  /** The bus prefix (tests, several installs on one NATS). */
  prefix?: string | undefined;
  log: Logger;
  /** One connection changed: reload it from the database. */
  onChange(change: ConnectionChange): Promise<void>;
  /**
   * Reload every connection: after a NATS reconnect (hints sent meanwhile are lost) and every
   * `resyncIntervalMs`, which also catches writers that could not announce (NATS down at the time).
   */
  onResync(): Promise<void>;
  /** Default 60 s; 0 turns the periodic reconciliation off. */
  resyncIntervalMs?: number;
}

export interface ConnectionChangeWatch {
  /** Stops watching and waits for a reload in progress. */
  stop(): Promise<void>;
}

/**
 * Follows the control hints of `natsConnectionChanges` in a service that keeps per-connection state
 * (ingress's pollers and webhooks, delivery's API clients). Reloads run one at a time, in the order
 * the hints came, so a "removed" never overtakes the "added" before it.
 */
export function watchConnectionChanges(options: WatchConnectionChangesOptions): ConnectionChangeWatch {
  const { log } = options;
  let queue = Promise.resolve();
  const run = (what: string, task: () => Promise<void>): void => {
    queue = queue.then(task).catch((error: unknown) => {
      log.error({ err: error, what }, "reloading a changed connection failed");
    });
  };
  const subscription: Subscription = options.nc.subscribe(connectionControlSubject(options.prefix), {
    callback: (error, message) => {
      if (error) return void log.warn({ err: error }, "connection change subscription failed");
      const change = parseChange(message.string());
      if (!change) return void log.warn("a malformed connection change hint was ignored");
      run(`connection ${change.connectionId} ${change.change}`, () => options.onChange(change));
    },
  });
  const statuses = options.nc.status() as AsyncIterable<Status> & { stop?: () => void };
  void (async () => {
    for await (const status of statuses) {
      if (status.type === "reconnect") run("resync after reconnect", options.onResync);
    }
  })();
  const intervalMs = options.resyncIntervalMs ?? 60_000;
  const timer =
    intervalMs > 0 ? setInterval(() => run("periodic resync", options.onResync), intervalMs) : undefined;
  timer?.unref();
  return {
    async stop() {
      clearInterval(timer);
      subscription.unsubscribe();
      statuses.stop?.();
      await queue;
    },
  };
}

function parseChange(text: string): ConnectionChange | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not JSON: reported by the caller as malformed, like a JSON value of the wrong shape.
    return undefined;
  }
  return connectionChangeValidator.Check(value) ? value : undefined;
}
