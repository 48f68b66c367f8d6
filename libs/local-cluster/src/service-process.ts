import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../../../services/all-in-one/src/main.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const START_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 20_000;

/**
 * Topicdesk services in a child process of their own (`node services/all-in-one/src/main.ts
 * router …`), exactly as a Kubernetes pod runs them, so a test can SIGKILL one mid-stream and a
 * benchmark can read its memory and CPU from /proc.
 */
export interface ServiceProcess {
  readonly label: string;
  readonly services: readonly string[];
  pid(): number | undefined;
  /** Where the running process serves /healthz, /readyz and /metrics. */
  opsUrl(): string;
  /** Resolves once the process logged "topicdesk is running". */
  start(): Promise<void>;
  /** SIGKILL (a crash, an OOM kill) or SIGTERM (a rolling update); waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** SIGTERM, then SIGKILL if the process has not left after 20 s. */
  stop(): Promise<void>;
}

export interface ServiceProcessOptions {
  services: readonly string[];
  env: Record<string, string>;
  /** Names the process in errors; the service names by default. */
  label?: string;
  /** Every line the process prints (JSON log lines, or a stack trace). */
  onLine?: (line: string) => void;
}

export function serviceProcess(options: ServiceProcessOptions): ServiceProcess {
  const label = options.label ?? options.services.join(",");
  let child: ChildProcess | undefined;
  let opsUrl: string | undefined;
  const killOnExit = () => child?.kill("SIGKILL");

  const kill = async (signal: NodeJS.Signals) => {
    const running = child;
    child = undefined;
    opsUrl = undefined;
    process.off("exit", killOnExit);
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill(signal);
    const forced = setTimeout(() => running.kill("SIGKILL"), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(forced);
  };

  return {
    label,
    services: options.services,
    pid: () => child?.pid,
    opsUrl() {
      if (!opsUrl) throw new Error(`${label} is not running`);
      return opsUrl;
    },
    async start() {
      const started = spawn(process.execPath, [MAIN, ...options.services], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? "", ...options.env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child = started;
      process.once("exit", killOnExit);
      opsUrl = await untilRunning(started, label, options.onLine);
    },
    kill: (signal = "SIGKILL") => kill(signal),
    stop: () => kill("SIGTERM"),
  };
}

/** Collects output line by line until the "running" line, which names the ops URL. */
function untilRunning(
  child: ChildProcess,
  label: string,
  onLine: ((line: string) => void) | undefined,
): Promise<string> {
  const recent: string[] = [];
  return new Promise<string>((resolve, reject) => {
    const timeout = setTimeout(
      () => reject(new Error(`${label} was not running after ${START_TIMEOUT_MS / 1000} s`)),
      START_TIMEOUT_MS,
    );
    let buffered = "";
    const collect = (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        recent.push(line);
        if (recent.length > 40) recent.shift();
        onLine?.(line);
        if (line.includes('"topicdesk is running"')) {
          clearTimeout(timeout);
          resolve((JSON.parse(line) as { ops: string }).ops);
        }
      }
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    child.once("exit", (code) => {
      clearTimeout(timeout);
      reject(new Error(`${label} exited with ${code} before it was running:\n${recent.join("\n")}`));
    });
  });
}
