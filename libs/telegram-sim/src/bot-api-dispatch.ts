import { abortableDelay } from "./abortable-delay.ts";
import type { MethodContext } from "./bot-methods/context.ts";
import { findMethod } from "./bot-methods/index.ts";
import type { SimClock } from "./clock.ts";
import { BotApiError, defaultDescription } from "./errors.ts";
import type { FaultInjector } from "./faults.ts";
import type { RateLimiter } from "./rate-limits.ts";
import { Params, type RawParams } from "./request-params.ts";
import type { SimState } from "./sim-state.ts";
import type { StatsRecorder } from "./stats.ts";
import type { UpdateDelivery } from "./update-delivery.ts";
import type { SimFileContent } from "./uploaded-file.ts";

/**
 * One Bot API call from token + method + parameters to Telegram's answer envelope: auth, method
 * lookup, injected faults, the handler itself and the error mapping. HTTP-agnostic.
 */
export interface BotApiAnswer {
  status: number;
  body:
    | { ok: true; result: unknown }
    | { ok: false; error_code: number; description: string; parameters?: { retry_after: number } };
}

export interface DispatchDeps {
  state: SimState;
  clock: SimClock;
  delivery: UpdateDelivery;
  limiter: RateLimiter;
  stats: StatsRecorder;
  faults: FaultInjector;
  /** Aborted when the simulator closes, to release calls held by an outage delay. */
  shutdown: AbortSignal;
}

function errorAnswer(errorCode: number, description: string, retryAfter?: number): BotApiAnswer {
  return {
    status: errorCode,
    body: {
      ok: false,
      error_code: errorCode,
      description,
      ...(retryAfter !== undefined ? { parameters: { retry_after: retryAfter } } : {}),
    },
  };
}

export class BotApiDispatcher {
  readonly #deps: DispatchDeps;

  constructor(deps: DispatchDeps) {
    this.#deps = deps;
  }

  async call(token: string, methodName: string, raw: RawParams): Promise<BotApiAnswer> {
    const answer = await this.#call(token, methodName, raw);
    if (answer.status === 429) this.#deps.stats.tooManyRequests();
    return answer;
  }

  /**
   * `GET /file/bot<token>/<file_path>`: the bytes of a file that getFile described. Only files
   * with bytes (uploads, or files a simulated person sent with `content`) can be downloaded.
   */
  download(token: string, path: string): { status: 200; file: SimFileContent } | BotApiAnswer {
    if (this.#deps.state.botIdByToken(token) === undefined) return errorAnswer(401, "Unauthorized");
    const file = this.#deps.state.files.contentAt(path);
    return file ? { status: 200, file } : errorAnswer(404, "Not Found");
  }

  async #call(token: string, methodName: string, raw: RawParams): Promise<BotApiAnswer> {
    const { state, faults, stats, shutdown } = this.#deps;
    const botId = state.botIdByToken(token);
    if (botId === undefined) return errorAnswer(401, "Unauthorized");
    const method = findMethod(methodName);
    if (!method) return errorAnswer(404, "Not Found");
    stats.call(method.name);

    const outage = faults.outage;
    if (outage) {
      if (outage.delayMs !== undefined && outage.delayMs > 0) await abortableDelay(outage.delayMs, shutdown);
      if (outage.errorCode !== undefined || outage.delayMs === undefined) {
        const code = outage.errorCode ?? 502;
        return errorAnswer(code, defaultDescription(code));
      }
    }
    const failure = faults.take(method.name, raw.chat_id);
    if (failure) {
      const retryAfter = failure.errorCode === 429 ? (failure.retryAfter ?? 1) : undefined;
      const description =
        failure.description ??
        (retryAfter !== undefined
          ? `Too Many Requests: retry after ${retryAfter}`
          : defaultDescription(failure.errorCode));
      return errorAnswer(failure.errorCode, description, retryAfter);
    }

    const ctx: MethodContext = {
      botId,
      bot: state.user(botId).user,
      state,
      clock: this.#deps.clock,
      delivery: this.#deps.delivery,
      limiter: this.#deps.limiter,
      stats,
    };
    try {
      const result = await method.handler(ctx, new Params(raw));
      return { status: 200, body: { ok: true, result } };
    } catch (error) {
      if (error instanceof BotApiError)
        return errorAnswer(error.errorCode, error.description, error.retryAfter);
      // A bug in the simulator: answer like Telegram's internal errors, keep the cause visible.
      console.error(`telegram-sim: ${method.name} failed`, error);
      return errorAnswer(500, "Internal Server Error");
    }
  }
}
