import type { Decision } from "../decide/decision.ts";
import type { DialogState } from "../decide/event-context.ts";
import { tickersOf } from "../decide/label-tickers.ts";
import type { LabelDefinition } from "../decide/module-facts.ts";
import type { ModuleWrite } from "../decide/module-writes.ts";
import { replyNotice } from "../decide/reply-notice.ts";
import { topicName } from "../decide/topic-name.ts";
import type { CommandInput } from "./command-types.ts";
import { MARK_HELP_GENERAL, type MarkCommand } from "./mark-syntax.ts";
import { messageLink } from "./message-link.ts";
import { findQuickReply } from "./say-command.ts";

/** /mark outside a client's topic: the labels themselves (administrator and EXTENSIONS_ALLOWED). */
export function markInGeneral(input: CommandInput, command: MarkCommand): Decision {
  const labels = input.context.modules?.labels ?? [];
  if (command.kind === "list") return listLabels(input, labels);
  if (command.kind === "help") return notice(input, MARK_HELP_GENERAL);
  if (command.kind === "invalid") return notice(input, `⚠️ ${command.reason}.\n${MARK_HELP_GENERAL}`);
  const label = labels.find((definition) => definition.name === command.name);
  if (command.kind === "new") {
    if (label) return notice(input, `⚠️ The label “${command.name}” already exists.`);
    return write(input, `🏷 Label “${command.name}” created.`, {
      kind: "label.create",
      name: command.name,
      createdBy: input.context.event.from?.id ?? null,
    });
  }
  if (!label) {
    return notice(
      input,
      `⚠️ There is no label “${command.name}”. /mark lists them; /mark new ${command.name} creates it.`,
    );
  }
  return changeLabel(input, label, labels, command);
}

function changeLabel(
  input: CommandInput,
  label: LabelDefinition,
  labels: LabelDefinition[],
  command: MarkCommand,
): Decision {
  const { name } = label;
  switch (command.kind) {
    case "show":
      return showLabel(input, label);
    case "after": {
      const unknown = command.removes.filter((other) => !labels.some((known) => known.name === other));
      if (unknown.length > 0) return notice(input, `⚠️ Unknown labels: ${unknown.join(", ")}.`);
      const text =
        command.removes.length === 0
          ? `🏷 “${name}” no longer removes other labels.`
          : `🏷 Adding “${name}” now removes: ${command.removes.join(", ")}.`;
      return write(input, text, { kind: "label.update", name, patch: { removes: command.removes } });
    }
    case "sends": {
      if (command.template !== null && !findQuickReply(input, command.template)) {
        return notice(input, `⚠️ There is no quick reply “${command.template}” (/say lists them).`);
      }
      const text =
        command.template === null
          ? `🏷 “${name}” no longer sends a quick reply.`
          : `🏷 Adding “${name}” now sends quick reply “${command.template}” to the client.`;
      return write(input, text, { kind: "label.update", name, patch: { sendsTemplate: command.template } });
    }
    case "ticker": {
      const updated = labels.map((known) =>
        known.name === name ? { ...known, ticker: command.ticker } : known,
      );
      const decision = write(
        input,
        command.ticker === null
          ? `🏷 “${name}” has no ticker now.`
          : `🏷 “${name}” shows “${command.ticker}” in topic names.`,
        { kind: "label.update", name, patch: { ticker: command.ticker } },
      );
      decision.jobs.push(...renamedTopics(input, (dialog) => dialog.labels, updated));
      return decision;
    }
    case "rename":
      if (labels.some((known) => known.name === command.newName)) {
        return notice(input, `⚠️ The label “${command.newName}” already exists.`);
      }
      return write(input, `🏷 “${name}” is now “${command.newName}”.`, {
        kind: "label.rename",
        name,
        newName: command.newName,
      });
    case "delete": {
      const decision = write(input, `🗑 Label “${name}” deleted and taken off its dialogs.`, {
        kind: "label.delete",
        name,
      });
      decision.jobs.push(
        ...renamedTopics(input, (dialog) => dialog.labels.filter((other) => other !== name), labels),
      );
      return decision;
    }
    default:
      return notice(input, MARK_HELP_GENERAL);
  }
}

function listLabels(input: CommandInput, labels: LabelDefinition[]): Decision {
  if (labels.length === 0) return notice(input, `No labels yet.\n${MARK_HELP_GENERAL}`);
  return notice(input, `Labels:\n${labels.map(describe).join("\n")}`);
}

function showLabel(input: CommandInput, label: LabelDefinition): Decision {
  const dialogs = input.context.modules?.labelDialogs ?? [];
  const chatId = input.context.connection.backendChatId;
  const topics = dialogs.flatMap((dialog) =>
    dialog.topicId === null ? [] : [`• ${messageLink(chatId, dialog.topicId, null)}`],
  );
  const carried =
    topics.length === 0
      ? "No topic carries it."
      : `Topics (${topics.length}):\n${topics.slice(0, 50).join("\n")}`;
  return notice(input, `${describe(label)}\n${carried}`);
}

function describe(label: LabelDefinition): string {
  const parts = [`• ${label.name}`];
  if (label.ticker) parts.push(`ticker “${label.ticker}”`);
  if (label.removes.length > 0) parts.push(`after: removes ${label.removes.join(", ")}`);
  if (label.sendsTemplate) parts.push(`sends “${label.sendsTemplate}”`);
  return parts.join(" · ");
}

/**
 * New topic names for the dialogs carrying the label, when its ticker changes or it is deleted.
 * Every rename is one send into the group (Telegram allows ~20 a minute), so this is paced there.
 */
function renamedTopics(
  input: CommandInput,
  labelsAfter: (dialog: DialogState) => string[],
  definitions: LabelDefinition[],
) {
  const { context } = input;
  return (context.modules?.labelDialogs ?? []).flatMap((dialog) => {
    if (dialog.topicId === null) return [];
    const tickers = tickersOf(labelsAfter(dialog), definitions);
    return [
      {
        type: "topic.rename" as const,
        lane: "group" as const,
        dialogId: dialog.id,
        name: topicName({ ...dialog, tickers }, dialog.status, context.params, context.pseudonymKey),
      },
    ];
  });
}

function write(input: CommandInput, text: string, change: ModuleWrite): Decision {
  const decision = notice(input, text);
  decision.moduleWrites = [change];
  return decision;
}

function notice(input: CommandInput, text: string): Decision {
  return replyNotice(input.message, text, undefined);
}
