import { readFileSync } from "node:fs";

/** Linux's clock ticks per second for /proc/<pid>/stat (USER_HZ, 100 on every mainstream kernel). */
const TICKS_PER_SECOND = 100;

export interface ProcessUsage {
  rssBytes: number;
  /** User plus system CPU time since the process started. */
  cpuMs: number;
}

/** Memory and CPU time of a running process, read from /proc (Linux only); undefined once it exited. */
export function processUsage(pid: number | undefined): ProcessUsage | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN);
    // Fields after the command name (which may contain spaces), counted from field 3 on.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { rssBytes: rssKb * 1024, cpuMs: (ticks * 1000) / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

/** CPU used between two readings as a share of one core (1.0 = one core busy all the time). */
export function coreShare(before: ProcessUsage, after: ProcessUsage, elapsedMs: number): number {
  return (after.cpuMs - before.cpuMs) / elapsedMs;
}
