import type { Bus } from "@topicdesk/bus";
import {
  type MtprotoCallReply,
  type MtprotoCallRequest,
  type MtprotoOperation,
  mtprotoCallReplyValidator,
  mtprotoCallSubject,
} from "@topicdesk/contracts";

export interface MtprotoCallerOptions {
  nc: Pick<Bus["nc"], "request">;
  connectionId: string;
  /** The bus naming's prefix: the call subject is isolated like the streams. */
  subjectPrefix?: string | undefined;
  /** How long the session owner may start the call (its deadline). */
  deadlineMs: number;
  /**
   * How long we wait for the answer beyond the deadline: a send started just before its deadline
   * must be able to finish, or the caller would retry something that was sent. A lookup needs none.
   */
  answerGraceMs: number;
  now?: () => number;
}

/** Runs one operation on the session's owner and returns its answer (a result or a Bot-API-style error). */
export type MtprotoCaller = (operation: MtprotoOperation) => Promise<MtprotoCallReply>;

/** The session's owner could not be reached (no replica runs it right now, or no answer in time). */
export class MtprotoUnreachableError extends Error {
  constructor(connectionId: string, cause: unknown) {
    super(`MTProto session of ${connectionId} did not answer`, { cause });
    this.name = "MtprotoUnreachableError";
  }
}

/**
 * Calls a connection's MTProto session over NATS request/reply on `td.mtproto.<connection>.call`
 * (contract: `@topicdesk/contracts` mtproto-call). Only the lease holder listens there, so a call
 * runs in one place or fails fast with "no responders".
 */
export function createMtprotoCaller(options: MtprotoCallerOptions): MtprotoCaller {
  const now = options.now ?? Date.now;
  const timeout = options.deadlineMs + options.answerGraceMs;
  const subject = mtprotoCallSubject(options.connectionId, options.subjectPrefix);
  return async (operation) => {
    const request: MtprotoCallRequest = {
      v: 1,
      connectionId: options.connectionId,
      deadline: now() + options.deadlineMs,
      operation,
    };
    let reply: unknown;
    try {
      reply = (await options.nc.request(subject, JSON.stringify(request), { timeout })).json();
    } catch (error) {
      throw new MtprotoUnreachableError(options.connectionId, error);
    }
    if (!mtprotoCallReplyValidator.Check(reply)) {
      throw new MtprotoUnreachableError(options.connectionId, new Error("malformed reply"));
    }
    return reply;
  };
}
