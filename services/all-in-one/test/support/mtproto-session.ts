import { MtprotoSessionRepository } from "@topicdesk/db";
import { type MtprotoClientFactory, type MtprotoService, startMtprotoService } from "@topicdesk/mtproto";
import { createLogger } from "@topicdesk/telemetry";
import type { Harness } from "./e2e-harness.ts";

export interface SessionSpec {
  connectionId: string;
  /** `user` for an account, `bot` for a bot in parallel mode. */
  mode: "user" | "bot";
  selfUserId: number;
  /** The fake MTProto client over the simulator. */
  createClient: MtprotoClientFactory;
}

/**
 * What a completed login leaves behind (an authorized session row), and the mtproto service
 * running it on the harness's NATS and Postgres, with short lease timings for tests.
 */
export async function startSessionService(harness: Harness, spec: SessionSpec): Promise<MtprotoService> {
  const sessions = new MtprotoSessionRepository(harness.database.db);
  await sessions.ensure(spec.connectionId, spec.mode);
  await sessions.markAuthorized(spec.connectionId, spec.selfUserId);
  const service = await startMtprotoService({
    db: harness.database.db,
    bus: harness.stack.bus,
    naming: harness.stack.naming,
    secretBox: harness.stack.secretBox,
    partitions: harness.config.partitions,
    log: createLogger({ service: `${spec.connectionId}-session`, level: "silent" }),
    createClient: spec.createClient,
    leaseTtlMs: 1_500,
    scanIntervalMs: 200,
  });
  await harness.waitFor(
    () => service.running().includes(spec.connectionId),
    `the ${spec.connectionId} session running`,
  );
  return service;
}

/**
 * Stops the system before the session it sends through: a delivery job still in flight then finishes
 * (a call to a session that is gone waits in place for a replica to run it again, for ever in a test).
 */
export async function stopHarnessAndSession(harness: Harness, service: MtprotoService): Promise<void> {
  for (const name of ["ingress", "router", "delivery"] as const) await harness.stack.stopService(name);
  await service.stop();
  await harness.stop();
}
