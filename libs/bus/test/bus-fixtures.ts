import { randomBytes } from "node:crypto";
import { type Bus, type BusNaming, connectBus, ensureStreams } from "@topicdesk/bus";
import type { InboundEvent } from "@topicdesk/contracts";

export const NATS_URL = "nats://127.0.0.1:4222";

/** A connection plus streams of its own, under a prefix no other test (or test run) uses. */
export interface TestBus {
  bus: Bus;
  naming: BusNaming;
  /** Deletes the streams (and so their consumers) and closes the connection. */
  cleanup(): Promise<void>;
}

export async function createTestBus(name: string): Promise<TestBus> {
  const bus = await connectBus({ url: NATS_URL, name });
  const prefix = `t-${name}-${randomBytes(4).toString("hex")}`;
  const naming = await ensureStreams(bus, { prefix, inboundMaxAgeSeconds: 600, eventsMaxAgeSeconds: 600 });
  return {
    bus,
    naming,
    cleanup: async () => {
      await bus.jsm.streams.delete(naming.inboundStream);
      await bus.jsm.streams.delete(naming.eventsStream);
      await bus.close();
    },
  };
}

let updateId = 0;

/** A client's text message in a private chat, as ingress would normalize it. */
export function clientMessage(chatId: number, text: string, connectionId = "main"): InboundEvent {
  updateId += 1;
  return {
    v: 1,
    id: `${connectionId}:${updateId}`,
    connectionId,
    receivedAt: Date.now(),
    kind: "message",
    chat: { id: chatId, type: "private" },
    from: { id: chatId, isBot: false, firstName: "Client" },
    message: { messageId: updateId, date: Math.floor(Date.now() / 1000), content: "text", text },
  };
}

/** Resolves once `condition` holds, polling; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
