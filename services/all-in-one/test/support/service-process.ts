import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../../src/main.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

/**
 * Topicdesk services in a child process of their own (`node services/all-in-one/src/main.ts
 * router …`), exactly as a Kubernetes pod runs them, so a test can SIGKILL one mid-stream.
 */
export interface ServiceProcess {
  readonly services: readonly string[];
  /** Every line the process printed (JSON log lines), kept for assertions and for debugging. */
  readonly output: string[];
  /** Where the running process serves /healthz, /readyz and /metrics. */
  opsUrl(): string;
  start(): Promise<void>;
  /** SIGKILL: no shutdown code runs, like a crashed or OOM-killed pod. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function serviceProcess(services: string[], env: Record<string, string>): ServiceProcess {
  let child: ChildProcess | undefined;
  let opsUrl: string | undefined;
  const output: string[] = [];
  const process_: ServiceProcess = {
    services,
    output,
    opsUrl() {
      if (!opsUrl) throw new Error(`${services.join(",")} is not running`);
      return opsUrl;
    },
    async start() {
      const started = spawn(process.execPath, [MAIN, ...services], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? "", ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child = started;
      let buffered = "";
      const running = new Promise<void>((resolve, reject) => {
        const collect = (chunk: Buffer) => {
          buffered += chunk.toString();
          const lines = buffered.split("\n");
          buffered = lines.pop() ?? "";
          for (const line of lines) {
            output.push(line);
            if (process.env.E2E_LOG) process.stderr.write(`[${services.join(",")}] ${line}\n`);
            if (line.includes('"topicdesk is running"')) {
              opsUrl = (JSON.parse(line) as { ops: string }).ops;
              resolve();
            }
          }
        };
        started.stdout?.on("data", collect);
        started.stderr?.on("data", collect);
        started.once("exit", (code) =>
          reject(
            new Error(
              `${services.join(",")} exited with ${code} before it was running:\n${output.join("\n")}`,
            ),
          ),
        );
      });
      await running;
    },
    async kill(signal = "SIGKILL") {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once("exit", resolve));
      running.kill(signal);
      await exited;
    },
  };
  process.once("exit", () => child?.kill("SIGKILL"));
  return process_;
}
