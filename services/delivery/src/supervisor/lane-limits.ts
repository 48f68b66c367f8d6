/** Telegram's budgets, configurable so a self-hosted Bot API server or a test can change them. */
export interface LaneLimits {
  groupPerMinute: number;
  botPerSecond: number;
}

/**
 * BullMQ's per-queue limiter for a lane: a backend group gets ~20 sends a minute, a bot's
 * client-bound lane ~30 a second. 0 means unlimited.
 */
export function limiterFor(
  queueName: string,
  limits: LaneLimits,
): { max: number; duration: number } | undefined {
  if (queueName.startsWith("td-group.")) {
    return limits.groupPerMinute > 0 ? { max: limits.groupPerMinute, duration: 60_000 } : undefined;
  }
  return limits.botPerSecond > 0 ? { max: limits.botPerSecond, duration: 1000 } : undefined;
}
