import Type from "typebox";
import { Compile } from "typebox/compile";
import { DialogStatusSchema } from "./dialog-status.ts";

/**
 * Domain events for integrators on `td.evt.<connection>.<kind>`. Versioned with `v`; changes are
 * additive only. They carry ids and statuses, never message bodies or hidden client data.
 */
export const DomainEventKinds = [
  "dialog.opened",
  "dialog.reopened",
  "dialog.closed",
  "dialog.status",
  "message.inbound",
  "message.delivered",
  "message.failed",
] as const;
export type DomainEventKind = (typeof DomainEventKinds)[number];

export const DomainEvent = Type.Object({
  v: Type.Literal(1),
  id: Type.String(),
  kind: Type.Enum(DomainEventKinds),
  connectionId: Type.String(),
  at: Type.Number(),
  dialogId: Type.Optional(Type.Number()),
  status: Type.Optional(DialogStatusSchema),
  clientChatId: Type.Optional(Type.Number()),
  topicId: Type.Optional(Type.Number()),
  messageIds: Type.Optional(Type.Array(Type.Number())),
  operatorId: Type.Optional(Type.Number()),
  reason: Type.Optional(Type.String()),
});
export type DomainEvent = Type.Static<typeof DomainEvent>;

export const domainEventValidator = Compile(DomainEvent);
