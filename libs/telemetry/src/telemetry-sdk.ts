import type { IncomingMessage, ServerResponse } from "node:http";
import { metrics } from "@opentelemetry/api";
import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import { PrometheusExporter } from "@opentelemetry/exporter-prometheus";
import { type IMetricReader, MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { NodeSDK, type NodeSDKConfiguration } from "@opentelemetry/sdk-node";

export interface TelemetryOptions {
  serviceName: string;
  /** Library instrumentations (e.g. `@fastify/otel`), passed to the SDK as is. */
  instrumentations?: NodeSDKConfiguration["instrumentations"];
}

export interface Telemetry {
  /** Serves the Prometheus text format of this process's metrics (mounted at `/metrics`). */
  metricsHandler(request: IncomingMessage, response: ServerResponse): void;
  /** Flushes pending spans and metrics; call it on SIGTERM before exiting. */
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry for this process. Metrics are always collected and readable at `/metrics`
 * (Prometheus pulls them from the ops port; see `k8s/`). Traces and metrics are also exported over
 * OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set: the SDK configures its exporters from the standard
 * OTEL_* variables itself (endpoint, protocol, headers, sampler), so this reads the same variable
 * to decide whether to start it: both agree by construction. Call it before other modules record.
 */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  // The exporter's own HTTP server stays off: the ops server of the process serves /metrics,
  // next to /healthz and /readyz, on one port.
  const prometheus = new PrometheusExporter({ preventServerStart: true, withoutScopeInfo: true });
  const metricsHandler = (request: IncomingMessage, response: ServerResponse) =>
    prometheus.getMetricsRequestHandler(request, response);
  if (!process.env.OTEL_EXPORTER_OTLP_ENDPOINT) {
    const provider = new MeterProvider({ readers: [prometheus] });
    metrics.setGlobalMeterProvider(provider);
    return {
      metricsHandler,
      shutdown: async () => {
        await provider.shutdown();
        metrics.disable();
      },
    };
  }
  const otlpMetrics: IMetricReader = new PeriodicExportingMetricReader({
    exporter: new OTLPMetricExporter(),
  });
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    instrumentations: options.instrumentations ?? [],
    metricReaders: [prometheus, otlpMetrics],
    // Logs go to stdout as JSON lines (with trace ids) for the platform to collect; OTLP logs
    // would send every line twice.
    logRecordProcessors: [],
  });
  sdk.start();
  return { metricsHandler, shutdown: () => sdk.shutdown() };
}
