import { NodeSDK, type NodeSDKConfiguration } from "@opentelemetry/sdk-node";

export interface TelemetryOptions {
  serviceName: string;
  /** Library instrumentations (e.g. `@fastify/otel`), passed to the SDK as is. */
  instrumentations?: NodeSDKConfiguration["instrumentations"];
}

export interface Telemetry {
  /** Flushes pending spans and metrics; call it on SIGTERM before exiting. */
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry traces and metrics, exported over OTLP, when OTEL_EXPORTER_OTLP_ENDPOINT is
 * set; otherwise does nothing. The SDK configures its exporters from the standard OTEL_* variables
 * itself (endpoint, protocol, headers, sampler), so this reads the same variable to decide whether
 * to start at all: both agree by construction. Call it before other modules create tracers.
 */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  if (!process.env.OTEL_EXPORTER_OTLP_ENDPOINT) return { shutdown: async () => {} };
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    instrumentations: options.instrumentations ?? [],
    // Logs go to stdout as JSON lines (with trace ids) for the platform to collect; OTLP logs
    // would send every line twice.
    logRecordProcessors: [],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}
