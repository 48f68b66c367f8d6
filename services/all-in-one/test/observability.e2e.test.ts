import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startTelemetry, type Telemetry } from "@topicdesk/telemetry";
import { bodyOf, type Harness, startHarness } from "./support/e2e-harness.ts";

interface ExportedSpan {
  traceId: string;
  name: string;
}

/** An OTLP/HTTP collector on loopback that keeps the spans it receives (JSON encoding). */
async function startCollector(): Promise<{ server: Server; url: string; spans: ExportedSpan[] }> {
  const spans: ExportedSpan[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on("end", () => {
      if (request.url === "/v1/traces") {
        const parsed = JSON.parse(body) as {
          resourceSpans: { scopeSpans: { spans: ExportedSpan[] }[] }[];
        };
        for (const resource of parsed.resourceSpans)
          for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      }
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans };
}

async function scrape(telemetry: Telemetry): Promise<string> {
  const server = createServer((request, response) => telemetry.metricsHandler(request, response));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  try {
    return await (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`)).text();
  } finally {
    server.close();
  }
}

/**
 * One client message followed through the running system: one trace from the moment ingress
 * accepts it, across NATS to the router and across BullMQ to delivery and its Telegram call; and
 * the metrics every service records, as Prometheus scrapes them.
 */
describe("traces and metrics of a message", () => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let telemetry: Telemetry;
  let harness: Harness;
  const saved = { ...process.env };

  beforeAll(async () => {
    collector = await startCollector();
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = collector.url;
    process.env.OTEL_EXPORTER_OTLP_PROTOCOL = "http/json";
    process.env.OTEL_BSP_SCHEDULE_DELAY = "100";
    telemetry = startTelemetry({ serviceName: "observability-e2e" });
    harness = await startHarness({ updates: "webhook" });
  });
  afterAll(async () => {
    await harness?.stop();
    collector.server.close();
    process.env = saved;
  });

  test("one trace runs from ingress through the router to delivery's Telegram call", async () => {
    harness.clientSays({ text: "trace me" });
    const topic = await harness.topicOf();
    await harness.waitFor(
      () => harness.topicMessages(topic).some((message) => bodyOf(message) === "trace me"),
      "the copy in the topic",
    );
    // A forged webhook call (no secret) is refused and counted.
    const webhookUrl = harness.sim.webhookInfo(harness.bot.id).url ?? "";
    const forged = await fetch(webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ update_id: 1 }),
    });
    expect(forged.status).toBe(401);
    const metricsText = await scrape(telemetry);
    await telemetry.shutdown();

    const accepted = collector.spans.filter((span) => span.name === "accept inbound event");
    expect(accepted.length).toBeGreaterThan(0);
    const traces = accepted.map((start) => collector.spans.filter((span) => span.traceId === start.traceId));
    const names = traces.map((trace) => trace.map((span) => span.name));
    // The client's message: accepted, routed, delivered (topic, card, copy) with Telegram calls.
    expect(names).toContainEqual(
      expect.arrayContaining([
        "accept inbound event",
        "route inbound event",
        "deliver copy.to-topic",
        "telegram call",
      ]),
    );

    expect(metricsText).toMatch(/^td_inbound_accepted_total\{[^}]*connection="main"[^}]*\} [1-9]/m);
    expect(metricsText).toMatch(/^td_router_events_total\{kind="message",outcome="applied"\} [1-9]/m);
    expect(metricsText).toMatch(/^td_delivery_jobs_total\{type="copy\.to-topic",outcome="delivered"\} 1$/m);
    expect(metricsText).toMatch(/^td_topics_created_total 1$/m);
    expect(metricsText).toMatch(/^td_inbound_refused_total\{status="401"\} 1$/m);
    expect(metricsText).toMatch(/^td_delivery_latency_seconds_count\{type="copy\.to-topic"\} 1$/m);
  });
});
