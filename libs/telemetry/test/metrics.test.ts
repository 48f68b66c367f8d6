import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startTelemetry, topicdeskMetrics } from "@topicdesk/telemetry";

/** Serves the process's metrics handler on loopback and fetches it, as Prometheus would. */
async function scrape(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler).listen(0, "127.0.0.1");
  await once(server, "listening");
  try {
    const { port } = server.address() as AddressInfo;
    return await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  } finally {
    server.close();
  }
}

describe("Topicdesk metrics on /metrics", () => {
  const previousEndpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const telemetry = startTelemetry({ serviceName: "metrics-test" });
  afterAll(async () => {
    await telemetry.shutdown();
    if (previousEndpoint !== undefined) process.env.OTEL_EXPORTER_OTLP_ENDPOINT = previousEndpoint;
  });

  test("counters and histograms recorded by services appear in the Prometheus text format", async () => {
    const recorded = topicdeskMetrics();
    recorded.deliveryJobs.add(2, { type: "copy.to-topic", outcome: "delivered" });
    recorded.deliveryJobs.add(1, { type: "copy.to-topic", outcome: "failed" });
    recorded.deliveryLatency.record(0.2, { type: "copy.to-topic" });
    recorded.deliveryLatency.record(3, { type: "copy.to-topic" });
    const text = await scrape(telemetry.metricsHandler);
    expect(text).toMatch(/^td_delivery_jobs_total\{type="copy\.to-topic",outcome="delivered"\} 2$/m);
    expect(text).toMatch(/^td_delivery_jobs_total\{type="copy\.to-topic",outcome="failed"\} 1$/m);
    expect(text).toMatch(/^td_delivery_latency_seconds_count\{type="copy\.to-topic"\} 2$/m);
    expect(text).toMatch(/^td_delivery_latency_seconds_bucket\{type="copy\.to-topic",le="0\.25"\} 1$/m);
  });

  test("the webhook relay's counters are exported under td_ names like every other metric", async () => {
    const recorded = topicdeskMetrics();
    recorded.relayUpdates.add(1, { connection: "main", outcome: "dropped" });
    recorded.relayFailedAttempts.add(3, { connection: "main" });
    const text = await scrape(telemetry.metricsHandler);
    expect(text).toMatch(/^td_relay_updates_total\{connection="main",outcome="dropped"\} 1$/m);
    expect(text).toMatch(/^td_relay_failed_attempts_total\{connection="main"\} 3$/m);
    expect(text).not.toMatch(/topicdesk[._]relay/);
  });

  test("backlog gauges report only what their callback observes", async () => {
    const recorded = topicdeskMetrics();
    recorded.queueDepth.addCallback((result) => result.observe(7, { queue: "td-group.-1001" }));
    const text = await scrape(telemetry.metricsHandler);
    expect(text).toMatch(/^td_queue_depth\{queue="td-group\.-1001"\} 7$/m);
    expect(text).not.toMatch(/^td_queue_oldest_age_seconds\{/m);
  });

  test("the instruments are the same objects until the meter provider changes", () => {
    expect(topicdeskMetrics()).toBe(topicdeskMetrics());
  });
});
