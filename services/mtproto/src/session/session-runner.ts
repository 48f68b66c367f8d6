import type { ITelegramStorageProvider } from "@mtcute/node";
import { type Bus, type BusNaming, InvalidEventError, publishInbound } from "@topicdesk/bus";
import type { Database, MtprotoSession } from "@topicdesk/db";
import type { Logger } from "@topicdesk/telemetry";
import type { Kysely } from "kysely";
import type { MtprotoClient, MtprotoUpdate } from "../client/mtproto-client.ts";
import { normalizeMessage } from "../inbound/normalize-message.ts";
import { type CallServerOptions, serveCalls } from "../outbound/call-server.ts";
import { createOwnSends } from "../outbound/own-sends.ts";
import { createSerialPublisher } from "./serial-publisher.ts";

/** Builds the MTProto client of a session over its storage (mtcute in production, a fake in tests). */
export type MtprotoClientFactory = (
  session: MtprotoSession,
  storage: ITelegramStorageProvider,
) => MtprotoClient;

export interface SessionRunnerOptions {
  session: MtprotoSession;
  db: Kysely<Database>;
  loadBlob?: CallServerOptions["loadBlob"];
  bus: Bus;
  naming: BusNaming;
  partitions: number;
  log: Logger;
  /** The session's storage; its `beforeSave` must call the runner's `drained`. */
  storage: (drained: () => Promise<void>) => ITelegramStorageProvider;
  createClient: MtprotoClientFactory;
}

const OWN_SENDS_KEPT_MS = 30 * 24 * 60 * 60 * 1000;

export interface SessionRunner {
  stop(): Promise<void>;
}

/**
 * Runs one session while this process holds its lease: publishes every message the session sees
 * as an InboundEvent (in order, each stored by JetStream before the update state may be saved),
 * catches up on what was missed, and answers delivery's calls.
 */
export async function startSessionRunner(options: SessionRunnerOptions): Promise<SessionRunner> {
  const connectionId = options.session.connection_id;
  const publisher = createSerialPublisher({
    retryDelayMs: (attempt) => Math.min(30_000, 250 * 2 ** (attempt - 1)),
    onRetry: (error, attempt) =>
      options.log.warn({ err: error, connection: connectionId, attempt }, "inbound publish retried"),
  });
  const client = options.createClient(options.session, options.storage(publisher.drained));
  let selfId = options.session.self_user_id ?? 0;
  const ownSends = createOwnSends({ db: options.db, connectionId, log: options.log });
  // Telegram's difference does not reach back further than this; older ids can go.
  await ownSends.prune(OWN_SENDS_KEPT_MS);
  client.onUpdate((update) => publisher.enqueue(() => publishUpdate(update)));
  const publishUpdate = async (update: MtprotoUpdate) => {
    const event = normalizeMessage(connectionId, selfId, update, Date.now());
    if (!event?.message) return;
    // Our own sends come back as outgoing updates: what delivery sent is neither intercepted nor
    // an operator's message.
    if (event.message.outgoing && (await ownSends.isOwn(event.chat.id, event.message.messageId))) return;
    try {
      await publishInbound(options.bus, options.naming, event, options.partitions);
    } catch (error) {
      // Retrying cannot fix an event our contract refuses; it would block every later update.
      if (!(error instanceof InvalidEventError)) throw error;
      options.log.error({ eventId: event.id, errors: error.errors }, "MTProto update skipped: invalid event");
    }
  };
  const self = await client.start();
  selfId = self.id;
  const calls = serveCalls({
    nc: options.bus.nc,
    connectionId,
    client,
    subjectPrefix: options.naming.prefix,
    log: options.log,
    ownSends,
    isBot: self.isBot,
    loadBlob: options.loadBlob,
  });
  await client.catchUp();
  options.log.info({ connection: connectionId }, "MTProto session running");
  return {
    async stop() {
      await calls.stop();
      publisher.stop();
      await client.close();
    },
  };
}
