export { createLogger, type Logger, type LoggerOptions } from "./logger.ts";
export { METRIC_NAMES, type TopicdeskMetrics, topicdeskMetrics } from "./metrics.ts";
export { redactBotToken } from "./redaction.ts";
export { startTelemetry, type Telemetry, type TelemetryOptions } from "./telemetry-sdk.ts";
export { injectTraceparent, inSpan, tracer, withExtractedContext } from "./trace-context.ts";
