import type { DomainEvent } from "@topicdesk/contracts";
import { type Decision, emptyDecision } from "../decide/decision.ts";
import type { Role } from "../roles/caller-role.ts";
import { requireRole } from "../roles/require-role.ts";
import type { CommandHandler, CommandInput } from "./command-types.ts";

/**
 * Commands that module services carry out (broadcasts, export, analytics; custom commands for
 * webhooks): the router checks the caller's role and publishes `command.invoked` through the
 * event's transaction; the module answers in the group itself.
 */
export const sendCommand: CommandHandler = (input) =>
  // In a client's topic an operator may send a prepared message to that client; broadcasts from
  // the General topic are for the administrator and EXTENSIONS_ALLOWED (reference §3.3).
  invokeModule(input, "send", input.context.dialog ? "operator" : "extension");
export const exportCommand: CommandHandler = (input) => invokeModule(input, "export", "extension");
export const statsCommand: CommandHandler = (input) => invokeModule(input, "stats", "extension");

/** A command listed in CUSTOM_COMMANDS: silent here, published for webhooks and assistant bots. */
export function customCommand(input: CommandInput, name: string): Decision {
  return invokeModule(input, name, "operator");
}

function invokeModule(input: CommandInput, name: string, needed: Role): Decision {
  const { context, message } = input;
  const refused = requireRole(
    { caller: context.caller, message, dialog: context.dialog },
    needed,
    `/${name}`,
  );
  const caller = context.caller;
  if (refused || caller?.role === undefined) return refused ?? emptyDecision();
  const command: NonNullable<DomainEvent["command"]> = {
    name,
    args: input.args,
    callerId: caller.userId,
    callerRole: caller.role,
    backendChatId: context.connection.backendChatId,
    messageId: message.messageId,
  };
  if (message.threadId !== undefined) command.threadId = message.threadId;
  if (message.replyToMessageId !== undefined) command.replyToMessageId = message.replyToMessageId;
  // `/send file` comes as the caption of the file of recipients; the module downloads it.
  if (message.documentFileId !== undefined) command.documentFileId = message.documentFileId;
  const decision = emptyDecision();
  decision.domainEvents.push({ kind: "command.invoked", operatorId: caller.userId, command });
  return decision;
}

/**
 * Module commands' `command.invoked` is the module's order to act, which it trusts without checking
 * the caller again: only their own handlers publish it, exactly when the caller may use them.
 */
const moduleHandlers: ReadonlySet<CommandHandler> = new Set([sendCommand, exportCommand, statsCommand]);

/**
 * A built-in command some WEBHOOKS receiver subscribed to (reference §3.6): the router does what the
 * command does, and its use is also published as `command.invoked` so the receiver's webhook fires.
 * The caller has already passed the operator check every command gets. Module commands are left as
 * their handler decided (see `moduleHandlers`).
 */
export function withWebhookCommandEvent(
  decision: Decision,
  handler: CommandHandler,
  input: CommandInput,
  name: string,
): Decision {
  if (moduleHandlers.has(handler)) return decision;
  const published = invokeModule(input, name, "operator").domainEvents;
  return { ...decision, domainEvents: [...decision.domainEvents, ...published] };
}
