import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, waitForPort } from "./free-port.ts";

/**
 * NATS, Redis and PostgreSQL servers of a test's or benchmark's own, on free ports and in temporary
 * folders, so fault tests can kill and restart them without disturbing the machine's shared
 * services, and a benchmark's Redis CLIENT LIST counts only the system under test. Services started
 * as child processes take their configuration from the environment only, which has no JetStream or
 * BullMQ prefix: private servers keep them apart from everyone else.
 */
export interface PrivateServer {
  url: string;
  port: number;
  /** Stops the server: SIGKILL for a crash, SIGTERM for an orderly restart. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and data folder. */
  start(): Promise<void>;
}

/** JetStream on file storage, as in production. */
export async function startPrivateNats(): Promise<PrivateServer> {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), "td-nats-"));
  const args = ["-a", "127.0.0.1", "-p", String(port), "-js", "-sd", storeDir];
  return supervised("nats", port, `nats://127.0.0.1:${port}`, storeDir, () =>
    spawn("nats-server", args, { stdio: "ignore" }),
  );
}

export interface PrivateRedisOptions {
  /**
   * An append-only file fsynced on every write, so a SIGKILL loses nothing Redis acknowledged, as
   * BullMQ expects of a production Redis with AOF (fault tests). Without it Redis keeps nothing on
   * disk (benchmarks measure the pipeline, not the disk).
   */
  durable: boolean;
  maxClients?: number;
}

/** `noeviction`, as BullMQ needs and k8s/dependencies/redis-values.yaml sets. */
export async function startPrivateRedis(options: PrivateRedisOptions): Promise<PrivateServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "td-redis-"));
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--dir", dir];
  args.push("--maxmemory-policy", "noeviction", "--maxclients", String(options.maxClients ?? 10_000));
  args.push(
    ...(options.durable ? ["--appendonly", "yes", "--appendfsync", "always"] : ["--appendonly", "no"]),
  );
  return supervised("redis", port, `redis://127.0.0.1:${port}`, dir, () =>
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
    port,
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
  dataDir: string,
  launch: () => ChildProcess,
): Promise<PrivateServer> {
  let child: ChildProcess | undefined;
  const server: PrivateServer = {
    url,
    port,
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
  process.once("exit", () => {
    child?.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  });
  return server;
}
