import Type from "typebox";
import { Compile } from "typebox/compile";
import { CONNECTION_ID_PATTERN } from "./subjects.ts";

/**
 * "A connection was added, changed, paused, resumed or removed, or its parameters changed": a hint
 * on core NATS (`td.ctl.connections`) from whoever wrote the change (setup bot, CLI, HTTP API), so
 * ingress, router and delivery replicas reload that connection from Postgres, which stays the
 * source of truth.
 *
 * Internal, not in the AsyncAPI document: it carries no more than an id, integrators change
 * connections themselves (through the API) and read what happens on `td.evt.>`, and keeping it out
 * of the integrators' contract leaves it free to change. Core NATS rather than JetStream, because
 * every replica must see it (fan-out, nothing to share out) and a missed hint is harmless: the
 * watchers reload everything after a reconnect and reconcile with the database now and then.
 */
export const CONNECTION_CONTROL_SUBJECT = "td.ctl.connections";

/**
 * `parameters`: one of the connection's parameters was set or reset (the router's cache of
 * parameters follows it; services without per-connection parameter state may ignore it).
 */
export const ConnectionChangeKinds = [
  "added",
  "changed",
  "paused",
  "resumed",
  "removed",
  "parameters",
] as const;
export type ConnectionChangeKind = (typeof ConnectionChangeKinds)[number];

export const ConnectionChange = Type.Object({
  v: Type.Literal(1),
  connectionId: Type.String({ pattern: CONNECTION_ID_PATTERN.source }),
  change: Type.Enum(ConnectionChangeKinds),
  /** Epoch milliseconds when the change was written. */
  at: Type.Number(),
});
export type ConnectionChange = Type.Static<typeof ConnectionChange>;

export const connectionChangeValidator = Compile(ConnectionChange);

/** The control subject; `prefix` isolates an install or a test, like the bus naming's prefix. */
export function connectionControlSubject(prefix?: string): string {
  return prefix === undefined ? CONNECTION_CONTROL_SUBJECT : `${prefix}.${CONNECTION_CONTROL_SUBJECT}`;
}
