import { randomUUID } from "node:crypto";
import { Kvm } from "@nats-io/kv";
import type { ObservableCallback } from "@opentelemetry/api";
import type { Bus, BusNaming } from "@topicdesk/bus";
import { type Database, MtprotoSessionRepository, type SecretBox } from "@topicdesk/db";
import { createPostgresSessionStorage } from "@topicdesk/mtproto-login";
import type { Logger } from "@topicdesk/telemetry";
import { topicdeskMetrics } from "@topicdesk/telemetry";
import type { Kysely } from "kysely";
import { type SessionLease, tryAcquireLease } from "./lease/session-lease.ts";
import {
  type MtprotoClientFactory,
  type SessionRunner,
  startSessionRunner,
} from "./session/session-runner.ts";

export interface MtprotoServiceOptions {
  db: Kysely<Database>;
  bus: Bus;
  naming: BusNaming;
  secretBox: SecretBox;
  partitions: number;
  log: Logger;
  createClient: MtprotoClientFactory;
  /**
   * Reads a `file.send` blob from the Redis blob store by key (`@topicdesk/queue`'s `loadBlob`):
   * files never travel in a call (NATS caps a message at its max_payload, 1 MiB by default).
   * Without it, files sent through a session are refused.
   */
  loadBlob?: (key: string) => Promise<Uint8Array | undefined>;
  /** How long a dead replica keeps its sessions before another may take them. Default 15 s. */
  leaseTtlMs?: number;
  /** How often to look for sessions nobody runs. Default 5 s. */
  scanIntervalMs?: number;
  /** Shown in the lease bucket as the holder. Default: a random id. */
  ownerId?: string;
}

export interface MtprotoService {
  /** Connections whose session this process runs right now. */
  running(): string[];
  /** Looks for sessions without an owner now (the timer does it every `scanIntervalMs`). */
  scan(): Promise<void>;
  stop(): Promise<void>;
}

interface Running {
  lease: SessionLease;
  runner: SessionRunner;
}

/**
 * Runs every authorized MTProto session (accounts, bots in parallel mode) that no other replica
 * runs. Several replicas share the work: each session belongs to whoever holds its lease.
 */
export async function startMtprotoService(options: MtprotoServiceOptions): Promise<MtprotoService> {
  const ttlMs = options.leaseTtlMs ?? 15_000;
  const bucketName =
    options.naming.prefix === undefined ? "td_mtproto_leases" : `${options.naming.prefix}_mtproto_leases`;
  const kv = await new Kvm(options.bus.nc).create(bucketName, { ttl: ttlMs, history: 1 });
  const repository = new MtprotoSessionRepository(options.db);
  const ownerId = options.ownerId ?? randomUUID();
  const sessions = new Map<string, Running>();
  let stopped = false;
  let scanning: Promise<void> = Promise.resolve();

  const stopSession = async (connectionId: string, running: Running) => {
    if (sessions.get(connectionId) !== running) return;
    sessions.delete(connectionId);
    await running.runner
      .stop()
      .catch((error: unknown) =>
        options.log.error({ err: error, connection: connectionId }, "MTProto session did not stop cleanly"),
      );
    await running.lease.release();
  };

  const startSession = async (session: Awaited<ReturnType<typeof repository.listRunnable>>[number]) => {
    const connectionId = session.connection_id;
    const lease = await tryAcquireLease(
      {
        kv,
        ownerId,
        ttlMs,
        onRenewError: (error) =>
          options.log.warn({ err: error, connection: connectionId }, "lease renewal failed"),
      },
      connectionId,
    );
    if (!lease) return;
    try {
      const runner = await startSessionRunner({
        session,
        db: options.db,
        loadBlob: options.loadBlob,
        bus: options.bus,
        naming: options.naming,
        partitions: options.partitions,
        log: options.log,
        createClient: options.createClient,
        storage: (drained) =>
          createPostgresSessionStorage({
            connectionId,
            repository,
            box: options.secretBox,
            beforeSave: drained,
          }),
      });
      const running = { lease, runner };
      sessions.set(connectionId, running);
      lease.lost.addEventListener("abort", () => {
        options.log.warn({ connection: connectionId }, "MTProto session lease lost; stopping it here");
        void stopSession(connectionId, running);
      });
    } catch (error) {
      options.log.error({ err: error, connection: connectionId }, "MTProto session failed to start");
      await lease.release();
    }
  };

  const scanOnce = async () => {
    if (stopped) return;
    const runnable = await repository.listRunnable();
    // Logged out, or its connection paused or removed: stop running it here.
    const wanted = new Set(runnable.map((session) => session.connection_id));
    for (const [id, running] of sessions) if (!wanted.has(id)) await stopSession(id, running);
    for (const session of runnable) {
      if (!sessions.has(session.connection_id) && !stopped) await startSession(session);
    }
  };
  const scan = () => {
    scanning = scanning
      .then(scanOnce)
      .catch((error: unknown) => options.log.error({ err: error }, "session scan failed"));
    return scanning;
  };
  await scan();
  const timer = setInterval(() => void scan(), options.scanIntervalMs ?? 5_000);
  // The sessions this replica holds the lease of: a drop in the sum over replicas means an account
  // stopped receiving (alert TopicdeskSessionLost in deploy/observability).
  const observeLeases: ObservableCallback = (result) => result.observe(sessions.size, { owner: ownerId });
  topicdeskMetrics().sessionLeases.addCallback(observeLeases);
  return {
    running: () => [...sessions.keys()],
    scan,
    async stop() {
      stopped = true;
      topicdeskMetrics().sessionLeases.removeCallback(observeLeases);
      clearInterval(timer);
      await scanning;
      await Promise.all([...sessions].map(([id, running]) => stopSession(id, running)));
    },
  };
}
