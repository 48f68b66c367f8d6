import type { Update } from "@grammyjs/types";
import { type Bus, type BusNaming, InvalidEventError, publishInbound } from "@topicdesk/bus";
import { classifyTelegramError, retryDelayMs } from "@topicdesk/telegram";
import type { Logger } from "@topicdesk/telemetry";
import type { Api } from "grammy";
import { ALLOWED_UPDATES } from "../normalize/allowed-updates.ts";
import { normalizeUpdate } from "../normalize/normalize-update.ts";
import { isUpdateShaped } from "../normalize/update-shape.ts";

export interface PollingOptions {
  api: Api;
  connectionId: string;
  bus: Bus;
  naming: BusNaming;
  partitions: number;
  log: Logger;
  timeoutSeconds?: number;
}

/** grammY types its signal with the abort-controller polyfill; Node's own is compatible. */
type GrammySignal = Parameters<Api["getUpdates"]>[1];

/** Where the poller stands with Telegram; kept across failed rounds so no progress is lost. */
interface PollPosition {
  webhookDeleted: boolean;
  /** The next update id to ask for; asking for it confirms every smaller one to Telegram. */
  offset: number;
}

/**
 * Long polling for installs without a public URL. An update is confirmed to Telegram (the next
 * offset) only after JetStream stored it, so a crash re-reads it and JetStream drops the duplicate.
 * Every failure, including at start, is retried with back-off until `stop()`, which returns at once.
 */
export function startPolling(options: PollingOptions): { stop(): Promise<void> } {
  const controller = new AbortController();
  const loop = pollUntilAborted(options, controller.signal);
  return {
    async stop() {
      controller.abort();
      await loop;
    },
  };
}

async function pollUntilAborted(options: PollingOptions, signal: AbortSignal): Promise<void> {
  const position: PollPosition = { webhookDeleted: false, offset: 0 };
  let failures = 0;
  while (!signal.aborted) {
    try {
      await pollOnce(options, position, signal);
      failures = 0;
    } catch (error) {
      if (signal.aborted) return;
      failures += 1;
      const delay = retryDelayMs(classifyTelegramError(error), failures) ?? 5_000;
      options.log.warn({ err: error, delay }, "polling failed; retrying");
      await sleep(delay, signal);
    }
  }
}

/** One getUpdates round; each update's offset moves only once it is published. */
async function pollOnce(options: PollingOptions, position: PollPosition, signal: AbortSignal): Promise<void> {
  if (!position.webhookDeleted) {
    // Telegram refuses getUpdates while a webhook is set (e.g. left over from webhook mode).
    await options.api.deleteWebhook({}, signal as GrammySignal);
    position.webhookDeleted = true;
  }
  const updates = await options.api.getUpdates(
    { offset: position.offset, timeout: options.timeoutSeconds ?? 25, allowed_updates: [...ALLOWED_UPDATES] },
    signal as GrammySignal,
  );
  for (const update of updates) {
    await publishUpdate(options, update);
    position.offset = update.update_id + 1;
  }
}

/** Waits `ms`, or less if `signal` aborts: a stopping poller must not sit out a 30 s back-off. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

/**
 * Publishes one update. One that our contract refuses is logged and skipped: retrying it would
 * stop this bot's inbound traffic for good, since Telegram hands it out again and again.
 */
async function publishUpdate(options: PollingOptions, update: Update): Promise<void> {
  if (!isUpdateShaped(update)) {
    options.log.error(
      { updateId: (update as { update_id?: unknown }).update_id },
      "update skipped: not a Telegram update",
    );
    return;
  }
  const event = normalizeUpdate(options.connectionId, update, Date.now());
  if (!event) return;
  try {
    await publishInbound(options.bus, options.naming, event, options.partitions);
  } catch (error) {
    if (!(error instanceof InvalidEventError)) throw error;
    options.log.error(
      { eventId: event.id, errors: error.errors },
      "update skipped: the normalized event is invalid",
    );
  }
}
