import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { metrics, type Span } from "@opentelemetry/api";
import {
  createLogger,
  injectTraceparent,
  startTelemetry,
  type Telemetry,
  tracer,
  withExtractedContext,
} from "@topicdesk/telemetry";

/** A stand-in OTLP/HTTP collector on loopback that records which signals were exported to it. */
async function startCollector(): Promise<{ server: Server; url: string; paths: string[] }> {
  const paths: string[] = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      paths.push(request.url ?? "");
      response.writeHead(200, { "content-type": "application/x-protobuf" }).end();
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, paths };
}

function capturedLines() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ service: "telemetry-test", level: "info", destination }), lines };
}

/** Runs `fn` inside a new active span and ends it afterwards. */
function inSpan<T>(name: string, fn: (span: Span) => T): T {
  return tracer("telemetry-test").startActiveSpan(name, (span) => {
    try {
      return fn(span);
    } finally {
      span.end();
    }
  });
}

describe("startTelemetry with an OTLP endpoint", () => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let telemetry: Telemetry;
  const previousEndpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;

  beforeAll(async () => {
    collector = await startCollector();
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = collector.url;
    telemetry = startTelemetry({ serviceName: "telemetry-test" });
  });

  afterAll(async () => {
    collector.server.close();
    if (previousEndpoint === undefined) delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    else process.env.OTEL_EXPORTER_OTLP_ENDPOINT = previousEndpoint;
  });

  test("log lines written inside an active span carry its trace and span ids", () => {
    const { logger, lines } = capturedLines();
    const span = inSpan("handle-event", (active) => {
      logger.info("inside");
      return active;
    });
    expect(span.spanContext().traceId).toMatch(/^(?!0{32})[0-9a-f]{32}$/);
    expect(lines[0]).toMatchObject({
      trace_id: span.spanContext().traceId,
      span_id: span.spanContext().spanId,
    });
  });

  test("a traceparent injected by the sender continues the same trace where it is extracted", () => {
    const { traceparent, traceId } = inSpan("publish", (span) => ({
      traceparent: injectTraceparent(),
      traceId: span.spanContext().traceId,
    }));
    expect(traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));

    const consumerTraceId = withExtractedContext(traceparent, () =>
      inSpan("consume", (span) => span.spanContext().traceId),
    );
    expect(consumerTraceId).toBe(traceId);
  });

  test("without a traceparent the function runs in the current context", () => {
    expect(withExtractedContext(undefined, () => injectTraceparent())).toBeUndefined();
  });

  test("shutdown exports recorded spans and metrics to the collector", async () => {
    inSpan("exported", () => undefined);
    metrics.getMeter("telemetry-test").createCounter("test_events").add(1);
    await telemetry.shutdown();
    expect(collector.paths).toEqual(expect.arrayContaining(["/v1/traces", "/v1/metrics"]));
  });
});
