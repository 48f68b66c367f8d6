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
  "command.invoked",
  "dialog.tagged",
  "message.posted",
  "message.intercepted",
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
  /**
   * `command.invoked`: an authorized operator command that a module service carries out
   * (broadcasts, reports, webhook command events). The router checks the caller's role first;
   * consumers trust it and never re-check.
   */
  command: Type.Optional(
    Type.Object({
      /** Lower-case name without the slash: `send`, `export`, `stats`, or a custom command. */
      name: Type.String(),
      args: Type.String(),
      callerId: Type.Number(),
      callerRole: Type.Union([Type.Literal("admin"), Type.Literal("operator"), Type.Literal("extension")]),
      backendChatId: Type.Number(),
      /** The topic it was sent in; absent for the General topic. */
      threadId: Type.Optional(Type.Number()),
      messageId: Type.Number(),
      replyToMessageId: Type.Optional(Type.Number()),
      /** file_id of the document the command was the caption of (`/send file`: a file of user ids). */
      documentFileId: Type.Optional(Type.String()),
    }),
  ),
  /** `dialog.tagged`: the dialog's labels (`/mark`) after the change, and which were added or removed. */
  labels: Type.Optional(
    Type.Object({
      current: Type.Array(Type.String()),
      added: Type.Array(Type.String()),
      removed: Type.Array(Type.String()),
    }),
  ),
});
export type DomainEvent = Type.Static<typeof DomainEvent>;

export const domainEventValidator = Compile(DomainEvent);
