import { DomainEventKinds } from "../domain-event.ts";
import { domainEventCatalog, domainEventSchemaOf } from "../domain-event-catalog.ts";

/**
 * The AsyncAPI 3 document of the domain events on `td.evt.<connection>.<kind>`, built from the
 * TypeBox contracts: one channel, message and payload schema per kind. `docs/asyncapi.yaml` is
 * this, written by `libs/contracts/scripts/generate-asyncapi.ts`; a test fails when they differ.
 */
export function buildAsyncApiDocument(): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (const kind of DomainEventKinds) {
    const name = camelCase(kind);
    const summary = domainEventCatalog[kind]?.summary ?? "";
    schemas[name] = domainEventSchemaOf(kind);
    messages[name] = {
      name: kind,
      title: kind,
      summary,
      contentType: "application/json",
      headers: { $ref: "#/components/schemas/natsHeaders" },
      payload: { $ref: `#/components/schemas/${name}` },
    };
    channels[name] = {
      address: `td.evt.{connectionId}.${kind}`,
      title: kind,
      parameters: { connectionId: { $ref: "#/components/parameters/connectionId" } },
      messages: { [name]: { $ref: `#/components/messages/${name}` } },
    };
    operations[`receive${name.charAt(0).toUpperCase()}${name.slice(1)}`] = {
      action: "receive",
      summary,
      channel: { $ref: `#/channels/${name}` },
      messages: [{ $ref: `#/channels/${name}/messages/${name}` }],
    };
  }
  return {
    asyncapi: "3.0.0",
    info: {
      title: "Topicdesk domain events",
      version: "1",
      description: INFO_DESCRIPTION,
      license: { name: "See the repository's license" },
    },
    defaultContentType: "application/json",
    servers: {
      local: {
        host: "127.0.0.1:4222",
        protocol: "nats",
        description: "NATS with JetStream; the events are kept in the stream TD_EVT (7 days by default).",
      },
    },
    channels,
    operations,
    components: {
      parameters: {
        connectionId: { description: "Id of the connection (lower-case letters, digits and dashes)." },
      },
      schemas: { natsHeaders: NATS_HEADERS, ...schemas },
      messages,
    },
  };
}

const INFO_DESCRIPTION = [
  "What happens in Topicdesk, published on NATS JetStream for integrators.",
  "Payloads are versioned by `v`; changes are additive only (new fields, new kinds), so ignore what you do not know.",
  "They carry ids and statuses, never message bodies, names or usernames; with HIDE_INFO hiding a client's name",
  "(or a group's title) the client's chat id is left out too, as it is from the topic's name.",
  "Delivery is at least once: the JetStream message id (`Nats-Msg-Id`) is the event's `id`, so drop repeats by it.",
].join(" ");

const NATS_HEADERS = {
  type: "object",
  properties: {
    "Nats-Msg-Id": {
      type: "string",
      description: "The event's id (JetStream drops a repeat within 2 minutes).",
    },
    traceparent: { type: "string", description: "W3C trace context of the message that caused the event." },
  },
};

function camelCase(kind: string): string {
  return kind.replace(/[.-](\w)/g, (_match, letter: string) => letter.toUpperCase());
}
