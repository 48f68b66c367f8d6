/**
 * Publishes one event after another, in the order they were handed in (so a chat's messages keep
 * their order in the stream), retrying each until it is stored. `drained()` resolves once everything
 * handed in so far is stored: the session storage waits for it before saving the update state.
 */
export interface SerialPublisher {
  enqueue(publish: () => Promise<void>): Promise<void>;
  drained(): Promise<void>;
  stop(): void;
}

export function createSerialPublisher(options: {
  retryDelayMs: (attempt: number) => number;
  onRetry: (error: unknown, attempt: number) => void;
}): SerialPublisher {
  let tail: Promise<void> = Promise.resolve();
  let stopped = false;
  const withRetries = async (publish: () => Promise<void>) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await publish();
      } catch (error) {
        // A stopped session must not publish later: its replacement replays the same updates.
        if (stopped) throw error;
        options.onRetry(error, attempt);
        await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs(attempt)));
      }
    }
  };
  return {
    enqueue(publish) {
      const next = tail.then(() => withRetries(publish));
      tail = next.catch(() => undefined);
      return next;
    },
    drained: () => tail,
    stop() {
      stopped = true;
    },
  };
}
