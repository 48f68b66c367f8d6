import type { Bus, BusNaming, ConsumeLoop } from "@topicdesk/bus";
import type { Database, RelayTarget, SecretBox } from "@topicdesk/db";
import type { Logger } from "@topicdesk/telemetry";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { RelayRetryOptions } from "./forward-update.ts";
import { captureRawJsonBodies } from "./raw-body.ts";
import { startRelayForwarder } from "./relay-forwarder.ts";
import { ensureRelayStream, relayNaming, storeRelayCopy } from "./relay-stream.ts";
import { loadRelayTargets } from "./relay-targets.ts";

export interface WebhookRelayOptions {
  db: Kysely<Database>;
  bus: Bus;
  naming: BusNaming;
  secretBox: SecretBox;
  log: Logger;
  retry?: RelayRetryOptions;
}

/**
 * The webhook relay (docs/parallel-mode.md): for a bot whose webhook another system used to own,
 * every update Telegram sends us is also forwarded, unchanged, to that system's URL.
 */
export interface WebhookRelay {
  /** How many connections relay. */
  readonly targetCount: number;
  /** Whether the connection relays (its webhook then asks Telegram for every kind of update). */
  relays(connectionId: string): boolean;
  /** Keeps raw request bodies; call before the webhook route is registered. No-op without targets. */
  captureBodies(app: FastifyInstance): void;
  /**
   * Stores the other system's copy of a webhook update in JetStream; resolves once stored (at once
   * for a connection that does not relay). Throws when JetStream fails: Telegram must then retry.
   */
  storeCopy(request: FastifyRequest, connectionId: string, updateId: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startWebhookRelay(options: WebhookRelayOptions): Promise<WebhookRelay> {
  const targets = await loadRelayTargets(options.db, options.secretBox, options.log);
  const names = relayNaming(options.naming);
  let rawBodyOf: ((request: FastifyRequest) => string | undefined) | undefined;
  let forwarders: ConsumeLoop[] = [];
  if (targets.size > 0) {
    await ensureRelayStream(options.bus, names);
    forwarders = [...targets.values()].map((target: RelayTarget) =>
      startRelayForwarder(options.bus, names, target, {
        retry: options.retry ?? {},
        log: options.log.child({ component: "webhook-relay" }),
      }),
    );
  }
  return {
    targetCount: targets.size,
    relays: (connectionId) => targets.has(connectionId),
    captureBodies(app) {
      if (targets.size > 0) rawBodyOf = captureRawJsonBodies(app);
    },
    async storeCopy(request, connectionId, updateId) {
      if (!targets.has(connectionId)) return;
      const rawBody = rawBodyOf?.(request);
      if (rawBody === undefined) throw new Error("relay: the raw body was not captured");
      await storeRelayCopy(options.bus, names, connectionId, updateId, rawBody);
    },
    async stop() {
      await Promise.all(forwarders.map((forwarder) => forwarder.stop()));
    },
  };
}
