import { type Bus, type BusNaming, publishInbound } from "@topicdesk/bus";
import { classifyTelegramError, retryDelayMs } from "@topicdesk/telegram";
import type { Logger } from "@topicdesk/telemetry";
import type { Api } from "grammy";
import { ALLOWED_UPDATES } from "../normalize/allowed-updates.ts";
import { normalizeUpdate } from "../normalize/normalize-update.ts";

export interface PollingOptions {
  api: Api;
  connectionId: string;
  bus: Bus;
  naming: BusNaming;
  partitions: number;
  log: Logger;
  timeoutSeconds?: number;
}

/**
 * Long polling for installs without a public URL. An update is confirmed to Telegram (the next
 * offset) only after JetStream stored it, so a crash re-reads it and JetStream drops the duplicate.
 */
export function startPolling(options: PollingOptions): { stop(): Promise<void> } {
  let running = true;
  const controller = new AbortController();
  const loop = (async () => {
    await options.api.deleteWebhook();
    let offset = 0;
    let failures = 0;
    while (running) {
      try {
        const updates = await options.api.getUpdates(
          { offset, timeout: options.timeoutSeconds ?? 25, allowed_updates: [...ALLOWED_UPDATES] },
          // grammY types its signal with the abort-controller polyfill; Node's is compatible.
          controller.signal as Parameters<Api["getUpdates"]>[1],
        );
        for (const update of updates) {
          const event = normalizeUpdate(options.connectionId, update, Date.now());
          if (event) await publishInbound(options.bus, options.naming, event, options.partitions);
          offset = update.update_id + 1;
        }
        failures = 0;
      } catch (error) {
        if (!running) break;
        failures += 1;
        const delay = retryDelayMs(classifyTelegramError(error), failures) ?? 5_000;
        options.log.warn({ err: error, delay }, "polling failed; retrying");
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  })();
  return {
    async stop() {
      running = false;
      controller.abort();
      await loop;
    },
  };
}
