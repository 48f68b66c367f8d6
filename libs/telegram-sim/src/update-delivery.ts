import type { Update, WebhookInfo } from "@grammyjs/types";
import { abortableDelay } from "./abortable-delay.ts";
import type { SimClock } from "./clock.ts";
import { BotApiError, badRequest } from "./errors.ts";

/**
 * Per-bot update queues and their two delivery paths: getUpdates (with long polling and offset
 * confirmation) and webhook push (one update at a time, in order, retried until the endpoint
 * accepts it — never skipped).
 */
export type UpdateType = Exclude<keyof Update, "update_id">;
export type UpdatePayload = Omit<Update, "update_id">;

/** Telegram's default when allowed_updates is unset or empty: these three must be asked for. */
const OPT_IN_TYPES: ReadonlySet<UpdateType> = new Set([
  "chat_member",
  "message_reaction",
  "message_reaction_count",
]);

const WEBHOOK_CONFLICT =
  "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";
const POLLING_CONFLICT =
  "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";

interface Webhook {
  url: string;
  secretToken: string | undefined;
  maxConnections: number;
}

interface Poller {
  wake: () => void;
  fail: (error: Error) => void;
}

interface BotQueue {
  nextUpdateId: number;
  pending: Update[];
  allowed: UpdateType[] | undefined;
  webhook: Webhook | undefined;
  lastError: { date: number; message: string } | undefined;
  poller: Poller | undefined;
  pumping: boolean;
}

export interface DeliveryOptions {
  /** First retry delay after a failed webhook call; doubles up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** How long a webhook endpoint may take to answer. */
  webhookTimeoutMs: number;
}

export interface GetUpdatesRequest {
  offset: number | undefined;
  limit: number | undefined;
  timeoutSeconds: number;
  allowedUpdates: UpdateType[] | undefined;
}

export interface WebhookRequest {
  url: string;
  secretToken: string | undefined;
  allowedUpdates: UpdateType[] | undefined;
  dropPendingUpdates: boolean;
  maxConnections: number | undefined;
}

function updateTypeOf(update: UpdatePayload): UpdateType | undefined {
  for (const key of Object.keys(update)) {
    if (key !== "update_id") return key as UpdateType;
  }
  return undefined;
}

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && key in value
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** Telegram-like last_error_message for a failed webhook call (duck-typed: errors may come from another realm). */
function describeFetchError(error: unknown): string {
  if (field(error, "name") === "TimeoutError") return "Read timeout expired";
  const code = String(field(field(error, "cause"), "code") ?? field(error, "code") ?? "");
  if (code === "ECONNREFUSED") return "Connection refused";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN")
    return "Failed to resolve host: Name or service not known";
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET") return "Connection reset by peer";
  const message = field(error, "message");
  return `Connection failed: ${code || (typeof message === "string" ? message : "unknown error")}`;
}

export class UpdateDelivery {
  readonly #queues = new Map<number, BotQueue>();
  readonly #clock: SimClock;
  readonly #options: DeliveryOptions;
  readonly #shutdown = new AbortController();

  constructor(clock: SimClock, options: DeliveryOptions) {
    this.#clock = clock;
    this.#options = options;
  }

  #queue(botId: number): BotQueue {
    let queue = this.#queues.get(botId);
    if (!queue) {
      queue = {
        // update_id is per bot and unrelated to message ids, as in Telegram. It starts where the
        // clock is, so a restarted simulator does not hand out the ids of its previous run again
        // (Telegram's ids never go back; consumers deduplicate by them).
        nextUpdateId: firstUpdateId(this.#clock),
        pending: [],
        allowed: undefined,
        webhook: undefined,
        lastError: undefined,
        poller: undefined,
        pumping: false,
      };
      this.#queues.set(botId, queue);
    }
    return queue;
  }

  #accepts(queue: BotQueue, type: UpdateType): boolean {
    if (queue.allowed === undefined || queue.allowed.length === 0) return !OPT_IN_TYPES.has(type);
    return queue.allowed.includes(type);
  }

  /**
   * Queues an update for a bot. Update types the bot did not subscribe to (allowed_updates) are
   * dropped at this point, as Telegram does. Returns the queued update, if any.
   */
  enqueue(botId: number, payload: UpdatePayload): Update | undefined {
    const queue = this.#queue(botId);
    const type = updateTypeOf(payload);
    if (type === undefined || !this.#accepts(queue, type)) return undefined;
    const update: Update = { update_id: queue.nextUpdateId, ...structuredClone(payload) };
    queue.nextUpdateId += 1;
    queue.pending.push(update);
    queue.poller?.wake();
    if (queue.webhook) void this.#pump(queue);
    return update;
  }

  pendingCount(botId: number): number {
    return this.#queues.get(botId)?.pending.length ?? 0;
  }

  /** Updates waiting for a bot (not yet confirmed or delivered), oldest first. */
  pending(botId: number): Update[] {
    return structuredClone(this.#queues.get(botId)?.pending ?? []);
  }

  async getUpdates(botId: number, request: GetUpdatesRequest): Promise<Update[]> {
    const queue = this.#queue(botId);
    if (queue.webhook) throw new BotApiError(409, WEBHOOK_CONFLICT);
    if (request.allowedUpdates !== undefined) queue.allowed = request.allowedUpdates;
    if (request.offset !== undefined) this.#confirm(queue, request.offset);
    const limit = request.limit === undefined || request.limit <= 0 ? 100 : Math.min(request.limit, 100);
    if (queue.pending.length > 0 || request.timeoutSeconds <= 0)
      return structuredClone(queue.pending.slice(0, limit));

    // Long polling: a newer getUpdates call terminates the older one, as in Telegram.
    queue.poller?.fail(new BotApiError(409, POLLING_CONFLICT));
    const signal = this.#shutdown.signal;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(done, request.timeoutSeconds * 1000);
      signal.addEventListener("abort", done, { once: true });
      const poller: Poller = { wake: done, fail };
      queue.poller = poller;
      function cleanup(): void {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        if (queue.poller === poller) queue.poller = undefined;
      }
      function done(): void {
        cleanup();
        resolve();
      }
      function fail(error: Error): void {
        cleanup();
        reject(error);
      }
    });
    if (this.#shutdown.signal.aborted) return [];
    if (queue.webhook) throw new BotApiError(409, WEBHOOK_CONFLICT);
    return structuredClone(queue.pending.slice(0, limit));
  }

  /**
   * offset confirms every update with a smaller id; a negative offset keeps only the last
   * |offset| updates ("All previous updates will be forgotten").
   */
  #confirm(queue: BotQueue, offset: number): void {
    if (offset < 0) queue.pending = queue.pending.slice(offset);
    else queue.pending = queue.pending.filter((u) => u.update_id >= offset);
  }

  setWebhook(botId: number, request: WebhookRequest): void {
    const queue = this.#queue(botId);
    if (request.url === "") {
      this.deleteWebhook(botId, request.dropPendingUpdates);
      return;
    }
    let parsed: URL;
    try {
      parsed = new URL(request.url);
    } catch {
      throw badRequest("bad webhook: Failed to resolve host: Name or service not known");
    }
    // Telegram insists on HTTPS; the simulator also takes http so tests can use a plain local server.
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
      throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
    }
    if (request.secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(request.secretToken)) {
      throw badRequest("secret token contains unallowed characters");
    }
    if (request.dropPendingUpdates) queue.pending = [];
    if (request.allowedUpdates !== undefined) queue.allowed = request.allowedUpdates;
    queue.webhook = {
      url: request.url,
      secretToken: request.secretToken,
      maxConnections: request.maxConnections ?? 40,
    };
    queue.poller?.wake();
    void this.#pump(queue);
  }

  deleteWebhook(botId: number, dropPendingUpdates: boolean): void {
    const queue = this.#queue(botId);
    queue.webhook = undefined;
    if (dropPendingUpdates) queue.pending = [];
  }

  webhookInfo(botId: number): WebhookInfo {
    const queue = this.#queue(botId);
    return {
      url: queue.webhook?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: queue.pending.length,
      ...(queue.webhook ? { max_connections: queue.webhook.maxConnections, ip_address: "127.0.0.1" } : {}),
      ...(queue.lastError
        ? { last_error_date: queue.lastError.date, last_error_message: queue.lastError.message }
        : {}),
      ...(queue.allowed && queue.allowed.length > 0 ? { allowed_updates: [...queue.allowed] } : {}),
    };
  }

  /** Pushes queued updates to the webhook one by one; a failed update is retried, never skipped. */
  async #pump(queue: BotQueue): Promise<void> {
    if (queue.pumping) return;
    queue.pumping = true;
    let backoff = this.#options.retryBaseMs;
    try {
      while (!this.#shutdown.signal.aborted && queue.webhook && queue.pending[0]) {
        const update = queue.pending[0];
        const failure = await this.#post(queue.webhook, update);
        if (this.#shutdown.signal.aborted) break;
        if (failure === undefined) {
          if (queue.pending[0] === update) queue.pending.shift();
          backoff = this.#options.retryBaseMs;
          continue;
        }
        queue.lastError = { date: this.#clock.unixNow(), message: failure };
        await abortableDelay(backoff, this.#shutdown.signal);
        backoff = Math.min(backoff * 2, this.#options.retryMaxMs);
      }
    } finally {
      queue.pumping = false;
    }
  }

  /** Returns undefined when the endpoint accepted the update, else Telegram's error text. */
  async #post(webhook: Webhook, update: Update): Promise<string | undefined> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (webhook.secretToken !== undefined) headers["x-telegram-bot-api-secret-token"] = webhook.secretToken;
    try {
      const response = await fetch(webhook.url, {
        method: "POST",
        headers,
        body: JSON.stringify(update),
        signal: AbortSignal.any([this.#shutdown.signal, AbortSignal.timeout(this.#options.webhookTimeoutMs)]),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return undefined;
      return `Wrong response from the webhook: ${response.status} ${response.statusText}`.trimEnd();
    } catch (error) {
      return describeFetchError(error);
    }
  }

  /** Stops webhook pushes and releases long-polling requests (they answer an empty list). */
  close(): void {
    this.#shutdown.abort();
  }
}

function firstUpdateId(clock: SimClock): number {
  // Milliseconds since 2026: a new run starts past every id an earlier run could have used, unless
  // that run delivered more than one update per millisecond on average.
  return clock.now() - Date.UTC(2026, 0, 1) + 1;
}
