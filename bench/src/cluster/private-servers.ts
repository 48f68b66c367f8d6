import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * NATS (JetStream) and Redis servers of the bench's own, on free loopback ports. The services run
 * as child processes that take their configuration from the environment only, which has no
 * JetStream or BullMQ prefix: private servers keep them clear of everyone else's streams and
 * queues, and make Redis's CLIENT LIST and DBSIZE count exactly what the system under test uses.
 * (The same idea as the fault tests' private infrastructure in services/all-in-one/test/support.)
 */
export interface PrivateServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startPrivateNats(): Promise<PrivateServer> {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), "td-bench-nats-"));
  const args = ["-a", "127.0.0.1", "-p", String(port), "-js", "-sd", storeDir];
  return supervise(
    port,
    `nats://127.0.0.1:${port}`,
    storeDir,
    spawn("nats-server", args, { stdio: "ignore" }),
  );
}

/** No persistence: the bench measures the pipeline, not Redis's disk. `noeviction` as in production. */
export async function startPrivateRedis(): Promise<PrivateServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "td-bench-redis-"));
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
  args.push("--dir", dir, "--maxmemory-policy", "noeviction", "--maxclients", "20000");
  return supervise(port, `redis://127.0.0.1:${port}`, dir, spawn("redis-server", args, { stdio: "ignore" }));
}

async function supervise(
  port: number,
  url: string,
  dir: string,
  child: ChildProcess,
): Promise<PrivateServer> {
  const kill = () => child.kill("SIGKILL");
  process.once("exit", kill);
  await waitForPort(port);
  return {
    url,
    port,
    async stop() {
      process.off("exit", kill);
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A port nobody listens on right now, so a URL can be known before its server starts. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no free port");
  return address.port;
}

async function waitForPort(port: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: "127.0.0.1" });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on port ${port} after 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
