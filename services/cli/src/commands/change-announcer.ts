import { connect } from "@nats-io/transport-node";
import {
  type ConnectionChanges,
  natsConnectionChanges,
  unannouncedConnectionChanges,
} from "@topicdesk/connections";
import { createLogger } from "@topicdesk/telemetry";

/** A person at a terminal should not wait long for a NATS that is not there. */
const CONNECT_TIMEOUT_MS = 2_000;

/**
 * Runs a CLI write with a way to announce it (`td.ctl.connections`), so running routers, ingress
 * and delivery follow at once. The CLI is short-lived: it connects to NATS only for such a write.
 * When NATS cannot be reached the write still happens; the services pick it up by themselves
 * within their safety intervals (the router's cache expiry, the watchers' resync), and the person
 * is told so.
 */
export async function withConnectionChanges<T>(
  natsUrl: string,
  action: (changes: ConnectionChanges) => Promise<T>,
): Promise<T> {
  const nc = await connect({
    servers: natsUrl,
    name: "topicdesk-cli",
    timeout: CONNECT_TIMEOUT_MS,
    reconnect: false,
  }).catch(() => undefined);
  if (!nc) {
    process.stderr.write(
      `NATS (${natsUrl}) is not reachable: running services will see this change within a minute.\n`,
    );
    return await action(unannouncedConnectionChanges);
  }
  try {
    // Warnings only (a hint that could not be confirmed), as JSON lines on stderr.
    const log = createLogger({ service: "cli", level: "warn", destination: process.stderr });
    return await action(natsConnectionChanges(nc, { log }));
  } finally {
    await nc.close();
  }
}
