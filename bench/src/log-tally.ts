/**
 * A pino destination that counts the system's warnings and errors instead of printing them, so
 * the bench output stays a table while retries, 429 waits and failures still show up in it.
 */
export interface LogTally {
  write(line: string): void;
  /** "level: message" → how many times, most frequent first. */
  entries(): Array<{ key: string; count: number; example: string }>;
  reset(): void;
}

interface LogLine {
  level?: string;
  msg?: string;
  err?: { message?: string };
  failure?: string;
}

export function createLogTally(): LogTally {
  const counts = new Map<string, { count: number; example: string }>();
  return {
    write(line) {
      const parsed = parseLine(line);
      const key = `${parsed.level ?? "?"}: ${parsed.msg ?? "(no message)"}`;
      const entry = counts.get(key) ?? { count: 0, example: exampleOf(parsed) };
      entry.count += 1;
      counts.set(key, entry);
    },
    entries: () =>
      [...counts.entries()]
        .map(([key, { count, example }]) => ({ key, count, example }))
        .sort((a, b) => b.count - a.count),
    reset: () => counts.clear(),
  };
}

function parseLine(line: string): LogLine {
  try {
    return JSON.parse(line) as LogLine;
  } catch {
    // pino writes one JSON object per line; anything else is kept verbatim as the message.
    return { level: "?", msg: line.trim().slice(0, 120) };
  }
}

function exampleOf(line: LogLine): string {
  return [line.failure, line.err?.message].filter(Boolean).join(" · ").slice(0, 160);
}
