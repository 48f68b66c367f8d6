import Type from "typebox";
import { ConnectionParams, NullableTimestamp, Timestamp } from "./common-schemas.ts";

/** Event names and `/commands`, checked further by the WEBHOOKS parameter's rules (`@topicdesk/params`). */
const WebhookEvents = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
  minItems: 1,
  maxItems: 50,
  description:
    "dialog_created, dialog_reopened, dialog_closed, message_received, message_sent, message_intercepted, or a /command",
});

export const WebhookParams = Type.Object({
  ...ConnectionParams.properties,
  webhookId: Type.Integer({ minimum: 1, description: "receiver id" }),
});

export const DeadLetterParams = Type.Object({
  ...ConnectionParams.properties,
  letterId: Type.Integer({ minimum: 1, description: "dead letter id" }),
});

export const NewWebhookBody = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: 2048, description: "an absolute http(s) URL" }),
    events: WebhookEvents,
  },
  { additionalProperties: false },
);

export const WebhookEventsBody = Type.Object({ events: WebhookEvents }, { additionalProperties: false });

export const WebhookView = Type.Object({
  id: Type.Integer(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  createdAt: Timestamp,
});

export const CreatedWebhook = Type.Object({
  ...WebhookView.properties,
  secret: Type.String({
    description: "signs this receiver's deliveries (Topicdesk-Signature); shown only in this answer",
  }),
});

export const DeadLetterQuery = Type.Object({
  pending: Type.Boolean({ default: true, description: "only letters not yet replayed (default) or all" }),
  before: Type.Optional(Type.Integer({ minimum: 1, description: "the last id of the previous page" })),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
});

/** A delivery that ran out of retries. The job itself (ids only) stays inside Topicdesk. */
export const DeadLetterView = Type.Object({
  id: Type.Integer(),
  url: Type.String(),
  eventType: Type.String(),
  eventId: Type.String(),
  attempts: Type.Integer(),
  lastError: Type.String(),
  failedAt: Timestamp,
  replayRequestedAt: NullableTimestamp,
  replayedAt: NullableTimestamp,
});

export const ReplayAnswer = Type.Object({
  replaying: Type.Array(Type.Integer(), {
    description: "ids the webhooks service sends again within seconds",
  }),
});

export const ReceiverQuery = Type.Object({
  paused: Type.Optional(
    Type.Boolean({ description: "only paused receivers (true) or only live ones (false)" }),
  ),
});

/** How a receiver (from WEBHOOKS or registered here) has been answering. */
export const ReceiverView = Type.Object({
  url: Type.String(),
  consecutiveFailures: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  lastFailureAt: NullableTimestamp,
  lastSuccessAt: NullableTimestamp,
  pausedAt: NullableTimestamp,
});

export const ResumeReceiverBody = Type.Object(
  { url: Type.String({ minLength: 1, maxLength: 2048 }) },
  { additionalProperties: false },
);
