import {
  context,
  isSpanContextValid,
  propagation,
  SpanStatusCode,
  type Tracer,
  trace,
} from "@opentelemetry/api";

/** The W3C header that carries trace context across NATS messages and job payloads. */
const TRACEPARENT = "traceparent";

/**
 * The active context as a W3C `traceparent`, to put in a NATS header or a job payload. Undefined
 * when there is no active span or telemetry is off (no propagator is registered then).
 */
export function injectTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier[TRACEPARENT];
}

/** Runs `fn` inside the trace context a message carried, so its spans continue the sender's trace. */
export function withExtractedContext<T>(traceparent: string | undefined, fn: () => T): T {
  if (traceparent === undefined) return fn();
  const extracted = propagation.extract(context.active(), { [TRACEPARENT]: traceparent });
  return context.with(extracted, fn);
}

export function tracer(name: string): Tracer {
  return trace.getTracer(name);
}

/** Ids of the active span, for log lines; empty outside a (valid) span. */
export function activeTraceIds(): { trace_id?: string; span_id?: string } {
  const span = trace.getSpan(context.active());
  if (span === undefined) return {};
  const spanContext = span.spanContext();
  if (!isSpanContextValid(spanContext)) return {};
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}

/**
 * Runs `fn` in a new span, continuing the trace a message carried (if any). The span records a
 * thrown error and ends when `fn` settles. With telemetry off this costs a no-op span.
 */
export async function inSpan<T>(
  tracerName: string,
  spanName: string,
  traceparent: string | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  return withExtractedContext(traceparent, () =>
    tracer(tracerName).startActiveSpan(spanName, async (span) => {
      try {
        return await fn();
      } catch (error) {
        span.recordException(error instanceof Error ? error : String(error));
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    }),
  );
}
