import { hostname } from "node:os";
import { type DestinationStream, type Level, type Logger as PinoLogger, pino } from "pino";
import { redactLogLine } from "./redaction.ts";
import { activeTraceIds } from "./trace-context.ts";

export type Logger = PinoLogger;

export interface LoggerOptions {
  /** Written as `service` on every line, so logs of the all-in-one process stay attributable. */
  service: string;
  level: Level | "silent";
  /** Where lines go; stdout by default. Tests pass a stream to read the lines. */
  destination?: DestinationStream;
}

/**
 * JSON logs carrying the active span's trace ids, without secrets, message bodies or bot tokens
 * in URLs (see redaction.ts), whether they come from the logged object, a child logger's
 * bindings, an error or the message string.
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service, pid: process.pid, hostname: hostname() },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: activeTraceIds,
      hooks: { streamWrite: redactLogLine },
    },
    options.destination ?? pino.destination(1),
  );
}
