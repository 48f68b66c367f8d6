import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { LogTally } from "../log-tally.ts";

const MAIN = fileURLToPath(new URL("../../../services/all-in-one/src/main.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const START_TIMEOUT_MS = 180_000;
const NOTEWORTHY_LEVELS = new Set(["warn", "error", "fatal"]);

/**
 * Topicdesk services in a child process of their own (`node services/all-in-one/src/main.ts router
 * delivery`), as a Kubernetes pod runs them. Its warnings and errors go to a tally instead of the
 * screen; `pid` lets the bench read the process's memory and CPU time from /proc.
 */
export interface ServiceProcess {
  readonly label: string;
  readonly services: readonly string[];
  pid(): number | undefined;
  /** Resolves once the process logged "topicdesk is running". */
  start(): Promise<void>;
  /** SIGTERM, and waits for the exit (the services stop taking work and close their connections). */
  stop(): Promise<void>;
}

export function serviceProcess(
  label: string,
  services: readonly string[],
  env: Record<string, string>,
  logs: LogTally,
): ServiceProcess {
  let child: ChildProcess | undefined;
  const killOnExit = () => child?.kill("SIGKILL");
  return {
    label,
    services,
    pid: () => child?.pid,
    async start() {
      const started = spawn(process.execPath, [MAIN, ...services], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? "", ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child = started;
      process.once("exit", killOnExit);
      await untilRunning(started, label, logs);
    },
    async stop() {
      const running = child;
      child = undefined;
      process.off("exit", killOnExit);
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once("exit", resolve));
      running.kill("SIGTERM");
      const forced = setTimeout(() => running.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(forced);
    },
  };
}

function untilRunning(child: ChildProcess, label: string, logs: LogTally): Promise<void> {
  const recent: string[] = [];
  return new Promise<void>((resolve, reject) => {
    const timeout = setTimeout(
      () => reject(new Error(`${label} was not running after 180 s`)),
      START_TIMEOUT_MS,
    );
    let buffered = "";
    const collect = (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        recent.push(line);
        if (recent.length > 20) recent.shift();
        if (NOTEWORTHY_LEVELS.has(levelOf(line))) logs.write(line);
        if (line.includes('"topicdesk is running"')) {
          clearTimeout(timeout);
          resolve();
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

/** pino writes `"level":"warn"`; anything else on the streams (a stack trace) counts as an error. */
function levelOf(line: string): string {
  const match = /"level":"(\w+)"/.exec(line);
  if (match?.[1]) return match[1];
  return line.trim() === "" ? "" : "error";
}
