import type { BenchSystem } from "./bench-system.ts";

const SAMPLE_INTERVAL_MS = 1;

/**
 * Counts how often the backend group's delivery lane (its BullMQ worker) was started. Delivery
 * stops a lane's worker when its queue runs empty and starts one again when its supervisor next
 * sees work, so on quiet traffic nearly every message pays for a start.
 */
export class LaneWatcher {
  starts = 0;
  readonly #timer: NodeJS.Timeout;
  #wasRunning = false;

  constructor(system: BenchSystem) {
    // deliveryQueueName() of libs/contracts spells it so; bench does not depend on contracts.
    const lane = `td-group.${system.groupId}`;
    this.#timer = setInterval(() => {
      const running = system.stack().delivery()?.runningLanes().includes(lane) ?? false;
      if (running && !this.#wasRunning) this.starts += 1;
      this.#wasRunning = running;
    }, SAMPLE_INTERVAL_MS);
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
