import { DomainEvent, type DomainEventKind } from "./domain-event.ts";

/**
 * What each domain event kind means and which of the optional fields it always carries. The
 * AsyncAPI document (`docs/asyncapi.yaml`) is generated from this and `DomainEvent`, and a test
 * requires an entry for every kind, so a new kind cannot go out undocumented.
 */
export interface DomainEventDescription {
  summary: string;
  /** Optional fields of `DomainEvent` that this kind always has. */
  carries: ReadonlyArray<keyof typeof DomainEvent.properties>;
}

export const domainEventCatalog: Readonly<Record<string, DomainEventDescription>> = {
  "dialog.opened": {
    summary: "A client wrote for the first time: a dialog was opened (its topic is being created).",
    carries: ["dialogId", "status"],
  },
  "dialog.reopened": {
    summary: "A closed dialog got a new client message and is waiting for the team again.",
    carries: ["dialogId", "status"],
  },
  "dialog.closed": {
    summary: "A dialog was closed: by an operator (`operatorId`) or by AUTOCLOSE (`reason`).",
    carries: ["dialogId", "status"],
  },
  "dialog.status": {
    summary: "A dialog's status changed otherwise (an operator answered, /hold, /wait).",
    carries: ["dialogId", "status"],
  },
  "dialog.tagged": {
    summary: "A dialog's labels changed (/mark): the labels now, and which were added or removed.",
    carries: ["dialogId", "labels"],
  },
  "message.inbound": {
    summary: "The router accepted a client message for the dialog's topic (before it is copied there).",
    carries: ["dialogId", "messageIds"],
  },
  "message.delivered": {
    summary:
      "A message was copied: a client's into the topic (`messageIds` in the client chat), or, with `operatorId`, an operator's to the client (`messageIds` in the topic).",
    carries: ["dialogId", "messageIds"],
  },
  "message.failed": {
    summary:
      "Telegram refused a delivery for good; `reason` names the failure. The team is told in the topic.",
    carries: ["reason"],
  },
  "message.posted": {
    summary: "A message the HTTP API asked for was posted; `id` starts with the API's job id.",
    carries: ["messageIds"],
  },
  "message.intercepted": {
    summary:
      "The connected account (from another device) or the other system of a bot in parallel mode sent a message to the client; it is shown in the topic (INTERCEPT_EXTERNAL). `messageIds` in the client chat.",
    carries: ["dialogId", "messageIds"],
  },
  "command.invoked": {
    summary: "An operator used a module or custom command; the router checked their role.",
    carries: ["command"],
  },
};

/**
 * The payload schema of one kind, as plain JSON Schema: `DomainEvent` with `kind` fixed and the
 * fields the kind carries required.
 */
export function domainEventSchemaOf(kind: DomainEventKind): Record<string, unknown> {
  const description = domainEventCatalog[kind];
  if (description === undefined) throw new Error(`domain event kind ${kind} is not described in the catalog`);
  const base = JSON.parse(JSON.stringify(DomainEvent)) as { required: string[]; properties: object };
  return {
    ...base,
    required: [...base.required, ...description.carries],
    properties: { ...base.properties, kind: { type: "string", const: kind } },
  };
}
