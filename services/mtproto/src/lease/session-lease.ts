import type { KV } from "@nats-io/kv";

/** Ownership of one session, held while it is renewed in time. */
export interface SessionLease {
  readonly connectionId: string;
  /** Aborted when the lease is lost (taken over, or not renewed in time): stop the session at once. */
  readonly lost: AbortSignal;
  /** Gives the lease up so another replica can take the session without waiting for the TTL. */
  release(): Promise<void>;
}

export interface LeaseOptions {
  kv: KV;
  /** This process, as other replicas see it in the bucket. */
  ownerId: string;
  /** The bucket's TTL: a lease not renewed for this long is gone. */
  ttlMs: number;
  onRenewError?: (error: unknown, connectionId: string) => void;
}

/**
 * Telegram drops an auth key used from two places at once, so exactly one process may run a
 * session. The lease is a key in a NATS KV bucket whose entries expire after `ttlMs`: created only
 * if absent, renewed every third of the TTL by compare-and-set on its revision. A renewal that finds
 * another revision, or that has not succeeded for two thirds of the TTL (NATS unreachable), gives
 * the session up before anyone else may take it.
 */
export async function tryAcquireLease(
  options: LeaseOptions,
  connectionId: string,
): Promise<SessionLease | undefined> {
  const key = leaseKey(connectionId);
  let revision: number;
  try {
    revision = await options.kv.create(key, options.ownerId);
  } catch {
    // The key exists: another replica holds the session (or held it less than a TTL ago).
    return undefined;
  }
  const controller = new AbortController();
  let renewedAt = Date.now();
  const loseIt = () => {
    clearInterval(timer);
    controller.abort();
  };
  const timer = setInterval(() => {
    if (Date.now() - renewedAt > (options.ttlMs * 2) / 3) return loseIt();
    options.kv.update(key, options.ownerId, revision).then(
      (next) => {
        revision = next;
        renewedAt = Date.now();
      },
      (error: unknown) => {
        options.onRenewError?.(error, connectionId);
        if (isWrongRevision(error)) loseIt();
      },
    );
  }, options.ttlMs / 3);
  return {
    connectionId,
    lost: controller.signal,
    release: async () => {
      if (controller.signal.aborted) return;
      loseIt();
      await options.kv.delete(key, { previousSeq: revision }).catch(() => undefined);
    },
  };
}

/** KV keys allow `[-/_=.a-zA-Z0-9]`; connection ids are `[a-z0-9-]`. */
function leaseKey(connectionId: string): string {
  return `session.${connectionId}`;
}

function isWrongRevision(error: unknown): boolean {
  return error instanceof Error && /wrong last sequence/i.test(error.message);
}
