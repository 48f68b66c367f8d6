import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port.ts";

/**
 * NATS, Redis and PostgreSQL servers of a test's own, on free ports and in temporary folders, so
 * fault tests can kill and restart them without disturbing the machine's shared services (which
 * other test files use at the same time). They persist to disk like production does: JetStream
 * file storage, Redis with an append-only file, Postgres with its WAL.
 */
export interface PrivateServer {
  url: string;
  /** Stops the server: SIGKILL for a crash, SIGTERM for an orderly restart. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and data folder. */
  start(): Promise<void>;
}

export async function startPrivateNats(): Promise<PrivateServer> {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), "td-nats-"));
  return supervised("nats", port, `nats://127.0.0.1:${port}`, () =>
    spawn("nats-server", ["-a", "127.0.0.1", "-p", String(port), "-js", "-sd", storeDir], {
      stdio: "ignore",
    }),
  );
}

export async function startPrivateRedis(): Promise<PrivateServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "td-redis-"));
  // appendfsync always: a SIGKILL loses nothing that Redis acknowledged, as BullMQ expects of a
  // production Redis with AOF (k8s/dependencies/redis-values.yaml uses everysec for speed).
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes"];
  args.push("--appendfsync", "always", "--dir", dir, "--maxmemory-policy", "noeviction");
  return supervised("redis", port, `redis://127.0.0.1:${port}`, () =>
    spawn("redis-server", args, { stdio: "ignore" }),
  );
}

/**
 * A throwaway PostgreSQL cluster. Postgres refuses to run as root, so on a machine where tests run
 * as root (CI here) the cluster belongs to the `postgres` user and its tools run through runuser.
 */
export async function startPrivatePostgres(): Promise<PrivateServer> {
  const bin = postgresBinDir();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "td-pg-"));
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? "runuser" : join(bin, tool);
    const fullArgs = asRoot ? ["-u", "postgres", "--", join(bin, tool), ...args] : args;
    return execFileSync(command, fullArgs, { stdio: "ignore" });
  };
  if (asRoot) {
    chmodSync(dataDir, 0o700);
    execFileSync("chown", ["postgres:postgres", dataDir]);
  }
  run("initdb", ["-D", dataDir, "-A", "trust", "-U", "postgres", "--no-sync"]);
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${dataDir} -c fsync=off`;
  const pgCtl = (action: string, extra: string[] = []) =>
    run("pg_ctl", [action, "-D", dataDir, "-w", "-t", "60", ...extra]);
  const server: PrivateServer = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: async () => {
      pgCtl("start", ["-o", options, "-l", join(dataDir, "server.log")]);
    },
    stop: async (signal = "SIGTERM") => {
      pgCtl("stop", ["-m", signal === "SIGKILL" ? "immediate" : "fast"]);
    },
  };
  await server.start();
  const cleanup = () => {
    try {
      pgCtl("stop", ["-m", "immediate"]);
    } catch {
      // already stopped
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once("exit", cleanup);
  return server;
}

function postgresBinDir(): string {
  const root = "/usr/lib/postgresql";
  const version = existsSync(root) ? readdirSync(root).sort().at(-1) : undefined;
  if (!version) throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql");
  return join(root, version, "bin");
}

async function supervised(
  name: string,
  port: number,
  url: string,
  launch: () => ChildProcess,
): Promise<PrivateServer> {
  let child: ChildProcess | undefined;
  const server: PrivateServer = {
    url,
    async start() {
      child = launch();
      await waitForPort(port, `${name} on port ${port}`);
    },
    async stop(signal = "SIGTERM") {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once("exit", resolve));
      running.kill(signal);
      await exited;
    },
  };
  await server.start();
  process.once("exit", () => child?.kill("SIGKILL"));
  return server;
}

async function waitForPort(port: number, what: string): Promise<void> {
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
    if (Date.now() > deadline) throw new Error(`${what} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
