import type { NatsConnection } from "@nats-io/nats-core";
import {
  type ConnectionChange,
  type ConnectionChangeKind,
  connectionControlSubject,
} from "@topicdesk/contracts";
import type { Logger } from "@topicdesk/telemetry";

/**
 * Tells ingress and delivery replicas, wherever they run, that a connection changed (the control
 * hint `td.ctl.connections`, `@topicdesk/contracts`). Called by the connection writes of this
 * library after the database has the change, so a replica that reloads on the hint sees it.
 */
export interface ConnectionChanges {
  /** Never throws: the write is done; a lost hint is caught up by the watchers' reconciliation. */
  announce(connectionId: string, change: ConnectionChangeKind): Promise<void>;
}

export interface NatsConnectionChangesOptions {
  /** The bus prefix (tests, several installs on one NATS). */
  prefix?: string | undefined;
  log: Logger;
  /** How long to wait for the server to have the hint. Default 2 s. */
  flushTimeoutMs?: number;
  now?: () => number;
}

/** Announces on core NATS; waits (briefly) until the server has it, so a CLI may exit right after. */
export function natsConnectionChanges(
  nc: Pick<NatsConnection, "publish" | "flush">,
  options: NatsConnectionChangesOptions,
): ConnectionChanges {
  const subject = connectionControlSubject(options.prefix);
  const now = options.now ?? Date.now;
  const flushTimeoutMs = options.flushTimeoutMs ?? 2_000;
  return {
    async announce(connectionId, change) {
      const hint: ConnectionChange = { v: 1, connectionId, change, at: now() };
      try {
        nc.publish(subject, JSON.stringify(hint));
        await withTimeout(nc.flush(), flushTimeoutMs);
      } catch (error) {
        options.log.warn(
          { err: error, connection: connectionId, change },
          "connection change not announced; ingress and delivery catch up at their next reconciliation",
        );
      }
    },
  };
}

/** For writers with no bus at hand (tests, one-off tools): the watchers' reconciliation catches up. */
export const unannouncedConnectionChanges: ConnectionChanges = {
  announce: async () => undefined,
};

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`NATS did not confirm within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
