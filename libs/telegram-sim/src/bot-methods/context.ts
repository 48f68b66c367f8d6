import type { User } from "@grammyjs/types";
import type { SimClock } from "../clock.ts";
import type { RateLimiter } from "../rate-limits.ts";
import type { Params } from "../request-params.ts";
import type { SimState } from "../sim-state.ts";
import type { StatsRecorder } from "../stats.ts";
import type { UpdateDelivery } from "../update-delivery.ts";

/** What a Bot API method handler gets: the calling bot and the simulator's services. */
export interface MethodContext {
  botId: number;
  bot: User;
  state: SimState;
  clock: SimClock;
  delivery: UpdateDelivery;
  limiter: RateLimiter;
  stats: StatsRecorder;
}

/** Returns the `result` of the Bot API answer or throws a BotApiError. */
export type MethodHandler = (ctx: MethodContext, params: Params) => unknown;

/** Method name (Telegram's spelling) → handler. */
export type MethodTable = Record<string, MethodHandler>;
