/** One dependency a service needs to do its work: resolves when reachable, throws when not. */
export interface DependencyCheck {
  /** Shown in the `/readyz` answer, e.g. `postgres`. */
  readonly name: string;
  readonly check: (signal: AbortSignal) => Promise<unknown>;
}

export interface Readiness {
  ready: boolean;
  /** `ok`, or why the dependency is not reachable (a short reason, never a connection string). */
  checks: Record<string, string>;
}

/** A check that hangs (a half-open TCP connection) must not hang the probe: kubelet would time out instead. */
export const DEFAULT_CHECK_TIMEOUT_MS = 2_000;

/** Runs every check at once, each bounded by the timeout; ready only when all passed. */
export async function checkReadiness(
  checks: readonly DependencyCheck[],
  timeoutMs: number = DEFAULT_CHECK_TIMEOUT_MS,
): Promise<Readiness> {
  const outcomes = await Promise.all(checks.map((check) => runCheck(check, timeoutMs)));
  return {
    ready: outcomes.every((outcome) => outcome === "ok"),
    checks: Object.fromEntries(checks.map((check, index) => [check.name, outcomes[index] ?? "not run"])),
  };
}

async function runCheck(dependency: DependencyCheck, timeoutMs: number): Promise<string> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(`timed out after ${timeoutMs} ms`);
    }, timeoutMs);
  });
  try {
    return await Promise.race([dependency.check(controller.signal).then(() => "ok"), timeout]);
  } catch (error) {
    return error instanceof Error ? (error.name === "Error" ? "unreachable" : error.name) : "unreachable";
  } finally {
    clearTimeout(timer);
  }
}
