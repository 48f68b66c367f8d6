import { Api } from "grammy";

export interface BotApiOptions {
  /** Bot API server root: Telegram's, a self-hosted server or the simulator (TELEGRAM_API_ROOT). */
  apiRoot: string;
  /**
   * Longest time one call may take before it fails as a transient error. Must exceed the long-poll
   * `timeout` of getUpdates. A single call can be cut shorter with grammY's AbortSignal argument.
   */
  timeoutMs?: number;
}

/**
 * A minute: long polls (up to 50 s) fit, and a hung send frees its lane far sooner than grammY's
 * default of 500 s (the limit of Telegram's own server).
 */
const DEFAULT_TIMEOUT_MS = 60_000;

/** The one Bot API client every service uses, so timeouts and the API root are set in one place. */
export function createBotApi(token: string, options: BotApiOptions): Api {
  return new Api(token, {
    // grammY rejects a trailing slash; people and proxies add one.
    apiRoot: options.apiRoot.replace(/\/+$/, ""),
    timeoutSeconds: (options.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000,
  });
}
