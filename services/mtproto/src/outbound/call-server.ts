import type { NatsConnection, Subscription } from "@nats-io/nats-core";
import {
  isMtprotoLookup,
  type MtprotoCallReply,
  mtprotoCallRequestValidator,
  mtprotoCallSubject,
} from "@topicdesk/contracts";
import type { Logger } from "@topicdesk/telemetry";
import type { MtprotoClient } from "../client/mtproto-client.ts";
import { createDestinationPauses } from "./destination-pauses.ts";
import type { OwnSends } from "./own-sends.ts";
import { callErrorOf } from "./rpc-error-to-call-error.ts";
import { type OperationContext, runOperation } from "./run-operation.ts";

export interface CallServerOptions {
  nc: NatsConnection;
  connectionId: string;
  client: MtprotoClient;
  subjectPrefix?: string | undefined;
  log: Logger;
  /** Where the messages sent for delivery are remembered (so their updates are not relayed). */
  ownSends: OwnSends;
  /** Whether the session is a bot (parallel mode), which may send inline keyboards. */
  isBot: boolean;
  /** Reads `file.send` blobs from the Redis blob store; without it files are refused. */
  loadBlob?: OperationContext["loadBlob"];
  now?: () => number;
}

/**
 * Answers delivery's calls for one session on `td.mtproto.<connection>.call`. Only the lease holder
 * subscribes, so a call runs in one place. Calls run one at a time: delivery sends one job per lane
 * at a time anyway, and serial calls keep an account's sends in the order they were asked for.
 */
export function serveCalls(options: CallServerOptions): { stop(): Promise<void> } {
  const now = options.now ?? Date.now;
  const pauses = createDestinationPauses(now);
  const subscription: Subscription = options.nc.subscribe(
    mtprotoCallSubject(options.connectionId, options.subjectPrefix),
  );
  const loop = (async () => {
    for await (const message of subscription) {
      const reply = await answer(message.json(), options, pauses, now);
      message.respond(JSON.stringify(reply));
    }
  })();
  return {
    async stop() {
      await subscription.drain();
      await loop;
    },
  };
}

async function answer(
  request: unknown,
  options: CallServerOptions,
  pauses: ReturnType<typeof createDestinationPauses>,
  now: () => number,
): Promise<MtprotoCallReply> {
  if (!mtprotoCallRequestValidator.Check(request) || request.connectionId !== options.connectionId) {
    return { ok: false, error: { code: 400, description: "Bad Request: invalid MTProto call" } };
  }
  // The caller has given up and will call again: running this one too would send twice.
  if (now() > request.deadline) {
    return {
      ok: false,
      error: { code: 504, description: "Gateway Timeout: call arrived after its deadline" },
    };
  }
  // A lookup reads, it does not send: a chat paused for sends still answers who is a member.
  const paused = isMtprotoLookup(request.operation) ? undefined : pauses.check(request.operation);
  if (paused) return { ok: false, error: paused };
  const context: OperationContext = {
    client: options.client,
    isBot: options.isBot,
    loadBlob: options.loadBlob,
  };
  try {
    const operation = request.operation;
    return {
      ok: true,
      result: await options.ownSends.track(operation, () => runOperation(context, operation)),
    };
  } catch (error) {
    const callError = callErrorOf(error);
    if (!isMtprotoLookup(request.operation)) pauses.record(request.operation, callError);
    options.log.warn(
      { connection: options.connectionId, op: request.operation.op, code: callError.code },
      "MTProto call failed",
    );
    return { ok: false, error: callError };
  }
}
