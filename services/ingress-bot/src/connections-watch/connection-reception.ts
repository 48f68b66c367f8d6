import type { Bus, BusNaming } from "@topicdesk/bus";
import { type Database, type SecretBox, WebhookRegistrationRepository } from "@topicdesk/db";
import { createBotApi } from "@topicdesk/telegram";
import type { Logger } from "@topicdesk/telemetry";
import { API_CONSTANTS } from "grammy";
import type { Kysely } from "kysely";
import { ALLOWED_UPDATES } from "../normalize/allowed-updates.ts";
import { startPolling } from "../polling/poll-updates.ts";
import type { WebhookRelay } from "../relay/webhook-relay.ts";
import { type ReceivableBot, receivableBots } from "./bot-connections.ts";
import { forEachConcurrently } from "./bounded-concurrency.ts";
import { ensureWebhook, type WebhookRecord } from "./webhook-registration.ts";

export interface ConnectionReceptionOptions {
  db: Kysely<Database>;
  secretBox: SecretBox;
  bus: Bus;
  naming: BusNaming;
  partitions: number;
  telegramApiRoot: string;
  mode: "webhook" | "polling";
  publicUrl?: string | undefined;
  relay: WebhookRelay;
  /** Drops the webhook route's cached view of a connection (all when no id). */
  forgetWebhookConnection(id?: string): void;
  log: Logger;
  /**
   * How many connections are set up at once when all are loaded (start, reconnect): with thousands
   * of bots, one Bot API round trip after another would take minutes. Default 16.
   */
  concurrency?: number;
}

/** Updates arrive for these connections: by a poller of ours, or by the webhook we set. */
export interface ConnectionReception {
  /** Reloads one connection from the database and starts, restarts or stops receiving for it. */
  sync(connectionId: string): Promise<void>;
  /** The same for every connection: at start, after a reconnect, and now and then. */
  syncAll(): Promise<void>;
  /** Ids currently received, sorted. */
  receiving(): string[];
  stop(): Promise<void>;
}

interface Receiving {
  bot: ReceivableBot;
  stopPolling?: () => Promise<void>;
}

/**
 * Keeps update reception in line with the connections table. Polling mode runs one poller per
 * active bot; webhook mode points each active bot's webhook at us. A paused or removed bot's poller
 * stops; its webhook stays (the route answers "paused" or 401), because deleting it would make
 * Telegram hold the updates and replay a day of them when the bot comes back.
 */
export function createConnectionReception(options: ConnectionReceptionOptions): ConnectionReception {
  if (options.mode === "webhook" && !options.publicUrl) throw new Error("webhook mode needs a public URL");
  const receiving = new Map<string, Receiving>();
  const registrations = new WebhookRegistrationRepository(options.db);
  /** What was last set, read in one query per sync; records go to Postgres for the next start. */
  const webhookRecord = (digests: Map<string, string>): WebhookRecord => ({
    recorded: (id) => digests.get(id),
    record: (id, digest) => registrations.record(id, digest),
  });

  const apply = async (
    id: string,
    wanted: ReceivableBot | undefined,
    record: WebhookRecord,
  ): Promise<void> => {
    options.forgetWebhookConnection(id);
    const current = receiving.get(id);
    if (current && wanted && sameBot(current.bot, wanted)) return;
    if (current) {
      receiving.delete(id);
      await current.stopPolling?.();
      if (!wanted) options.log.info({ connection: id }, "stopped receiving updates for a connection");
    }
    if (wanted) {
      receiving.set(id, await startReceiving(options, wanted, record));
      options.log.info({ connection: id, mode: options.mode }, "receiving updates for a connection");
    }
  };

  // One reload at a time: the start-up load and a hint arriving meanwhile must not both start a poller.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    sync: (id) =>
      serially(async () => {
        const [wanted] = await receivableBots(options.db, options.secretBox, options.log, id);
        await apply(id, wanted, webhookRecord(await registrations.digests(id)));
      }),
    syncAll: () =>
      serially(async () => {
        const wanted = new Map(
          (await receivableBots(options.db, options.secretBox, options.log)).map((bot) => [bot.id, bot]),
        );
        options.forgetWebhookConnection();
        const record = webhookRecord(options.mode === "webhook" ? await registrations.digests() : new Map());
        const failures: unknown[] = [];
        const ids = new Set([...receiving.keys(), ...wanted.keys()]);
        await forEachConcurrently(ids, options.concurrency ?? 16, (id) =>
          // One bot Telegram refuses (a revoked token) must not keep the others from being received.
          apply(id, wanted.get(id), record).catch((error: unknown) => {
            options.log.error({ err: error, connection: id }, "could not start receiving updates");
            failures.push(error);
          }),
        );
        if (failures.length > 0) throw new AggregateError(failures, "some connections are not received");
      }),
    receiving: () => [...receiving.keys()].sort(),
    async stop() {
      await queue;
      const all = [...receiving.values()];
      receiving.clear();
      await Promise.all(all.map((entry) => entry.stopPolling?.()));
    },
  };
}

function sameBot(a: ReceivableBot, b: ReceivableBot): boolean {
  return a.token === b.token && a.secret === b.secret;
}

async function startReceiving(
  options: ConnectionReceptionOptions,
  bot: ReceivableBot,
  record: WebhookRecord,
): Promise<Receiving> {
  const api = createBotApi(bot.token, { apiRoot: options.telegramApiRoot });
  if (options.mode === "polling") {
    const poller = startPolling({
      api,
      connectionId: bot.id,
      bus: options.bus,
      naming: options.naming,
      partitions: options.partitions,
      log: options.log,
    });
    return { bot, stopPolling: () => poller.stop() };
  }
  // Points the webhook at us with the connection's secret, so Telegram proves every call is its own.
  await ensureWebhook(
    api,
    bot.id,
    {
      url: `${(options.publicUrl ?? "").replace(/\/$/, "")}/telegram/${bot.id}`,
      // A relaying bot's other system may want any kind (callback queries, payments …): ask for all.
      allowedUpdates: options.relay.relays(bot.id) ? API_CONSTANTS.ALL_UPDATE_TYPES : ALLOWED_UPDATES,
      secret: bot.secret,
    },
    record,
  );
  return { bot };
}
