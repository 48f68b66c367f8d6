import type { FastifyReply } from "fastify";
import Type from "typebox";
import type { ApiDeps } from "../app/route-context.ts";
import { authErrors } from "../schemas/common-schemas.ts";
import { type PostContent, type PostDestination, queuePost, waitForOutcome } from "./post-message.ts";
import { PostView, postView } from "./post-schemas.ts";

/** The answers of every post route. */
export const postResponses = {
  200: PostView,
  202: PostView,
  409: Type.Ref("ErrorBody"),
  502: Type.Ref("ErrorBody"),
  ...authErrors,
};

export const postDescription =
  "Queued in the backend group's delivery lane (Telegram's limits apply). With wait (default) the answer comes once Telegram answered: 200 with the message id, 502 with the reason; a post still queued after the wait answers 202 with its statusUrl.";

export function postStatusUrl(connectionId: string, jobId: string): string {
  return `/v1/connections/${connectionId}/messages/${jobId}`;
}

/**
 * Queues the post and answers with what became of it: 200 with the message id once Telegram took
 * it, 502 with the reason when it refused, 202 with the status URL while it is still queued (at
 * once when the caller does not wait).
 */
export async function answerPost(
  deps: ApiDeps,
  reply: FastifyReply,
  destination: PostDestination,
  content: PostContent,
  wait: boolean,
) {
  const jobId = await queuePost(deps, destination, content);
  const row = await waitForOutcome(deps.db, destination.connectionId, jobId, wait ? deps.postWaitMs : 0);
  if (!row) throw new Error(`post ${jobId} vanished`);
  if (row.status === "failed") {
    return reply.code(502).send({
      statusCode: 502,
      code: "telegram_failed",
      error: "Bad Gateway",
      message: `Telegram did not take the message (${row.reason}).`,
    });
  }
  const view = postView(row, postStatusUrl(destination.connectionId, jobId));
  return reply.code(row.status === "sent" ? 200 : 202).send(view);
}
