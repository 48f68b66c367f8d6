import { SIGNATURE_HEADER, signatureHeader } from "./webhook-signature.ts";

export interface PostRequest {
  url: string;
  body: string;
  secret: string;
  eventType: string;
  deliveryId: string;
  timeoutMs: number;
  now: Date;
}

/**
 * How a POST went. `retryable` failures (network, timeout, 408, 429, 5xx) are tried again later;
 * any other answer outside 2xx will not change by retrying. `error` never contains the URL, which
 * may carry a secret path.
 */
export type PostOutcome = { ok: true; answer: unknown } | { ok: false; retryable: boolean; error: string };

/** A receiver's answer is only read for command events; more than this is not an answer. */
const MAX_ANSWER_BYTES = 64 * 1024;

export async function postWebhook(request: PostRequest): Promise<PostOutcome> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Topicdesk-Webhooks/1",
        "topicdesk-event": request.eventType,
        "topicdesk-delivery": request.deliveryId,
        [SIGNATURE_HEADER]: signatureHeader(
          request.secret,
          request.body,
          Math.floor(request.now.getTime() / 1000),
        ),
      },
      body: request.body,
      // A redirect would send the signed body somewhere nobody configured.
      redirect: "manual",
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (error) {
    return { ok: false, retryable: true, error: networkError(error, request.timeoutMs) };
  }
  if (response.status >= 200 && response.status < 300) return { ok: true, answer: await answerOf(response) };
  await response.body?.cancel();
  const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
  return { ok: false, retryable, error: `HTTP ${response.status}` };
}

async function answerOf(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => "");
  if (text.length === 0 || text.length > MAX_ANSWER_BYTES) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function networkError(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === "TimeoutError")
    return `no answer within ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === "string" ? `network error ${cause.code}` : "network error";
}
