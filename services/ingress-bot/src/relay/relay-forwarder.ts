import type { JsMsg } from "@nats-io/jetstream";
import { type Bus, type ConsumeLoop, startConsumeLoop, whileWorking } from "@topicdesk/bus";
import type { RelayTarget } from "@topicdesk/db";
import { type Logger, topicdeskMetrics } from "@topicdesk/telemetry";
import { forwardWithRetries, type RelayRetryOptions } from "./forward-update.ts";
import { RELAY_ACK_WAIT_MS, type RelayNaming, relayConsumer } from "./relay-stream.ts";

/**
 * Sends one connection's stored updates to the other system, one at a time and in order. Runs
 * beside the webhook, never in its path: however the other system behaves, our own answer to
 * Telegram waits only for JetStream. An update that keeps failing is retried with backoff, then
 * dropped with an error log and metric so the ones behind it are not held up for ever.
 */
export function startRelayForwarder(
  bus: Bus,
  names: RelayNaming,
  target: RelayTarget,
  options: { retry: RelayRetryOptions; log: Logger },
): ConsumeLoop {
  const log = options.log.child({ connection: target.connectionId });
  return startConsumeLoop({
    // Re-created on every restart, so a consumer deleted by hand comes back.
    consumer: () => relayConsumer(bus, names, target.connectionId),
    // Retries may outlast the ack wait: the server is told the update is still being worked on.
    handle: (msg, stopping) =>
      whileWorking(msg, RELAY_ACK_WAIT_MS, () => forwardMessage(msg, target, options.retry, log, stopping)),
    onConsumerError: (error) => log.error({ err: error }, "relay consumer failed; restarting"),
  });
}

async function forwardMessage(
  msg: JsMsg,
  target: RelayTarget,
  retry: RelayRetryOptions,
  log: Logger,
  signal: AbortSignal,
): Promise<void> {
  try {
    const outcome = await forwardWithRetries(target, msg.string(), retry, {
      signal,
      onFailedAttempt: (error, attempt, retriesLeft) => {
        topicdeskMetrics().relayFailedAttempts.add(1, { connection: target.connectionId });
        // One line per failed attempt, never the body or the URL (it may carry a token).
        log.warn(
          { seq: msg.seq, attempt, retriesLeft, reason: error.message },
          "relay: the other system failed an update; retrying",
        );
      },
    });
    // What operators watch when the other system misbehaves: failed attempts rising say it is
    // failing now, dropped updates say some were given up on.
    topicdeskMetrics().relayUpdates.add(1, { connection: target.connectionId, outcome: outcome.kind });
    if (outcome.kind === "dropped") {
      log.error(
        { seq: msg.seq, attempts: outcome.attempts, reason: outcome.error.message },
        "relay: update dropped, the other system kept failing it",
      );
    }
    await msg.ackAck();
  } catch (error) {
    // Stopping mid-retry: the update stays stored and is forwarded after the restart.
    if (!signal.aborted) throw error;
    msg.nak();
  }
}
