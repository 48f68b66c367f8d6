import {
  type Counter,
  type Histogram,
  type MeterProvider,
  metrics,
  type ObservableGauge,
} from "@opentelemetry/api";

/**
 * Topicdesk's own metrics, in one place so names and labels stay consistent across services and
 * match the dashboard and alert rules in `deploy/observability/`. Labels are low-cardinality:
 * connection ids and job types, never chat ids of clients. Per-backend-group gauges are observed
 * only for groups with a backlog, so an idle group costs no series.
 *
 * Instruments come from the global meter provider, which `startTelemetry` installs. Before that (or
 * in tests that never start telemetry) they are no-ops. They are re-created when the provider
 * changes, because the OpenTelemetry API hands out no-op meters permanently otherwise.
 */
export interface TopicdeskMetrics {
  /** Inbound updates accepted (stored in JetStream) by ingress: labels `connection`, `source`. */
  inboundAccepted: Counter;
  /** Inbound updates refused (bad secret, malformed, too large): label `reason`. */
  inboundRefused: Counter;
  /** Events the router decided on: labels `kind`, `outcome` (`applied`, `duplicate`, `failed`). */
  routerEvents: Counter;
  /** Delivery jobs finished: labels `type`, `outcome` (`delivered`, `failed`, `dropped`). */
  deliveryJobs: Counter;
  /** Seconds from a job's enqueue (right after the router accepted the inbound event) to done. */
  deliveryLatency: Histogram;
  /** Telegram answered 429: label `lane` (`group`, `bot`, `chat`). */
  telegramThrottled: Counter;
  /** Calls retried after a 5xx, a timeout or an infrastructure error: label `reason`. */
  deliveryRetries: Counter;
  /** Forum topics created (new dialogs, recreated topics). */
  topicsCreated: Counter;
  /** Backlog per backend-group queue (depth, and age of the oldest waiting job in seconds). */
  queueDepth: ObservableGauge;
  queueOldestAge: ObservableGauge;
  /** MTProto sessions this process holds the lease of. */
  sessionLeases: ObservableGauge;
  /** Updates the webhook relay finished with: labels `connection`, `outcome` (`forwarded`, `dropped`). */
  relayUpdates: Counter;
  /** Attempts to forward an update that the other system failed (timeout, 5xx, refused): `connection`. */
  relayFailedAttempts: Counter;
}

/**
 * The exported names (Prometheus adds `_total` to counters). The dashboard and the alert rules in
 * `deploy/observability/` use these; a test checks they reference nothing else.
 */
export const METRIC_NAMES = {
  inboundAccepted: "td_inbound_accepted",
  inboundRefused: "td_inbound_refused",
  routerEvents: "td_router_events",
  deliveryJobs: "td_delivery_jobs",
  deliveryLatency: "td_delivery_latency_seconds",
  telegramThrottled: "td_telegram_throttled",
  deliveryRetries: "td_delivery_retries",
  topicsCreated: "td_topics_created",
  queueDepth: "td_queue_depth",
  queueOldestAge: "td_queue_oldest_age_seconds",
  sessionLeases: "td_session_leases",
  relayUpdates: "td_relay_updates",
  relayFailedAttempts: "td_relay_failed_attempts",
} as const satisfies Record<keyof TopicdeskMetrics, string>;

let cached: { provider: MeterProvider; instruments: TopicdeskMetrics } | undefined;

export function topicdeskMetrics(): TopicdeskMetrics {
  const provider = metrics.getMeterProvider();
  if (cached?.provider === provider) return cached.instruments;
  const meter = provider.getMeter("topicdesk");
  const counter = (key: keyof TopicdeskMetrics, description: string) =>
    meter.createCounter(METRIC_NAMES[key], { description });
  const gauge = (key: keyof TopicdeskMetrics, description: string) =>
    meter.createObservableGauge(METRIC_NAMES[key], { description });
  const instruments: TopicdeskMetrics = {
    inboundAccepted: counter("inboundAccepted", "Inbound updates accepted"),
    inboundRefused: counter("inboundRefused", "Inbound updates refused"),
    routerEvents: counter("routerEvents", "Inbound events handled by the router"),
    deliveryJobs: counter("deliveryJobs", "Delivery jobs finished"),
    deliveryLatency: meter.createHistogram(METRIC_NAMES.deliveryLatency, {
      description: "Seconds from enqueue to delivered",
      advice: { explicitBucketBoundaries: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 180, 600] },
    }),
    telegramThrottled: counter("telegramThrottled", "429 answers from Telegram"),
    deliveryRetries: counter("deliveryRetries", "Telegram calls retried"),
    topicsCreated: counter("topicsCreated", "Forum topics created"),
    queueDepth: gauge("queueDepth", "Jobs waiting per backend group"),
    queueOldestAge: gauge("queueOldestAge", "Seconds the oldest waiting job of a backend group has waited"),
    sessionLeases: gauge("sessionLeases", "MTProto sessions leased by this process"),
    relayUpdates: counter("relayUpdates", "Updates the webhook relay forwarded or dropped"),
    relayFailedAttempts: counter("relayFailedAttempts", "Relay attempts the other system failed"),
  };
  cached = { provider, instruments };
  return instruments;
}
