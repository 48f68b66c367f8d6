import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface RedisFigures {
  /** Client connections, not counting this probe's own. */
  clients: number;
  keys: number;
  usedMemoryBytes: number;
  /**
   * Connections carrying a client name: BullMQ names one connection of each worker after the
   * worker's queue (that is how `Queue.getWorkers` finds them), so `namedQueues` is how many queues
   * have a worker and `mostPerName` the most workers any one queue has.
   */
  namedConnections: number;
  namedQueues: number;
  mostPerName: number;
}

/**
 * Reads the bench's private Redis with `redis-cli` (installed beside redis-server): what the system
 * under test holds open and stores. Nothing else uses that server, so every figure is the system's.
 */
export class RedisProbe {
  readonly #port: number;

  constructor(port: number) {
    this.#port = port;
  }

  async figures(): Promise<RedisFigures> {
    const [clients, keys, memory] = await Promise.all([
      this.#cli("CLIENT", "LIST"),
      this.#cli("DBSIZE"),
      this.#cli("INFO", "memory"),
    ]);
    const lines = clients.split("\n").filter((line) => line.startsWith("id="));
    const perName = new Map<string, number>();
    for (const line of lines) {
      const name = / name=(\S+)/.exec(line)?.[1];
      if (name) perName.set(name, (perName.get(name) ?? 0) + 1);
    }
    return {
      clients: lines.length - 1,
      keys: Number(keys.trim()),
      usedMemoryBytes: Number(/^used_memory:(\d+)/m.exec(memory)?.[1] ?? Number.NaN),
      namedConnections: [...perName.values()].reduce((sum, count) => sum + count, 0),
      namedQueues: perName.size,
      mostPerName: Math.max(0, ...perName.values()),
    };
  }

  /** Keys matching a glob, by SCAN (never KEYS, which blocks a large Redis). */
  async keysMatching(pattern: string): Promise<string[]> {
    const out = await this.#cli("--scan", "--pattern", pattern);
    return out.split("\n").filter(Boolean);
  }

  async #cli(...args: string[]): Promise<string> {
    const { stdout } = await run("redis-cli", ["-h", "127.0.0.1", "-p", String(this.#port), ...args], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  }
}
