import { fail, gotValue, type ParseResult, succeed } from "../parse-result.ts";

/**
 * The system events a webhook receiver can subscribe to, named as the reference product names them
 * so a team's existing receivers keep working. Anything else in a subscription is a `/command`.
 */
export const webhookEventNames = [
  "dialog_created",
  "dialog_reopened",
  "dialog_closed",
  "message_received",
  "message_sent",
  "message_intercepted",
] as const;
export type WebhookEventName = (typeof webhookEventNames)[number];

/** One receiver: where to POST, and which events and `/commands` (stored as `/name`, lower case) go there. */
export interface WebhookSubscription {
  readonly url: string;
  readonly events: readonly string[];
}

/** Telegram's rule for bot command names, with the slash the reference writes in WEBHOOKS. */
const commandPattern = /^\/[a-z0-9_]{1,32}$/;
/** A bound on what one parameter may fan out to; more receivers belong in the HTTP API's table. */
const MAX_RECEIVERS = 20;

/**
 * The reference's JSON form: `{"https://crm.example/hook": ["dialog_created", "/invoice"]}`. URLs
 * must be absolute http(s) addresses; every entry must be a known event or a `/command`.
 */
export function parseWebhooksValue(raw: string): ParseResult<readonly WebhookSubscription[]> {
  const parsed = parseJson(raw);
  if (!parsed.ok) return parsed;
  const object = parsed.value;
  if (typeof object !== "object" || object === null || Array.isArray(object)) {
    return fail(`the value must be a JSON object of URLs; ${gotValue(raw)}`);
  }
  const entries = Object.entries(object);
  if (entries.length > MAX_RECEIVERS) return fail(`at most ${MAX_RECEIVERS} URLs; got ${entries.length}`);
  const subscriptions: WebhookSubscription[] = [];
  for (const [url, events] of entries) {
    const subscription = readSubscription(url, events);
    if (!subscription.ok) return subscription;
    subscriptions.push(subscription.value);
  }
  return succeed(subscriptions);
}

function parseJson(raw: string): ParseResult<unknown> {
  try {
    return succeed(JSON.parse(raw));
  } catch {
    return fail(`the value is not valid JSON; ${gotValue(raw)}`);
  }
}

/**
 * One receiver registered on its own (HTTP API, CLI: `webhook_endpoints`), checked by the same rules
 * as an entry of the WEBHOOKS parameter; events come back normalized (lower case, no repeats).
 */
export function parseWebhookSubscription(url: string, events: unknown): ParseResult<WebhookSubscription> {
  return readSubscription(url, events);
}

function readSubscription(url: string, events: unknown): ParseResult<WebhookSubscription> {
  if (!isHttpUrl(url)) return fail(`"${shortened(url)}" is not an http:// or https:// URL`);
  if (!Array.isArray(events) || events.length === 0) {
    return fail(
      `the events of "${shortened(url)}" must be a non-empty list like ["dialog_created", "/invoice"]`,
    );
  }
  const names: string[] = [];
  for (const event of events) {
    const name = typeof event === "string" ? normalizedEvent(event) : undefined;
    if (name === undefined) {
      return fail(
        `${JSON.stringify(event)} is neither an event (${webhookEventNames.join(", ")}) nor a /command`,
      );
    }
    if (!names.includes(name)) names.push(name);
  }
  return succeed({ url, events: names });
}

function normalizedEvent(event: string): string | undefined {
  const name = event.trim().toLowerCase();
  if ((webhookEventNames as readonly string[]).includes(name)) return name;
  return commandPattern.test(name) ? name : undefined;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}

function shortened(value: string): string {
  return value.length > 60 ? `${value.slice(0, 59)}…` : value;
}
