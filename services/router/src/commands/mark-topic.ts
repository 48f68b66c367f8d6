import type { Decision } from "../decide/decision.ts";
import type { DialogState } from "../decide/event-context.ts";
import { tickersOf } from "../decide/label-tickers.ts";
import type { LabelDefinition } from "../decide/module-facts.ts";
import { replyNotice } from "../decide/reply-notice.ts";
import { topicName } from "../decide/topic-name.ts";
import type { CommandInput } from "./command-types.ts";
import { MARK_HELP_TOPIC, type MarkCommand } from "./mark-syntax.ts";
import { findQuickReply, templateJob } from "./say-command.ts";

/** /mark in a client's topic: list, add (`/mark NAME`), remove (`/mark del NAME`). */
export function markInTopic(input: CommandInput, dialog: DialogState, command: MarkCommand): Decision {
  const notice = (text: string) => replyNotice(input.message, text, dialog);
  switch (command.kind) {
    case "list":
      return notice(
        dialog.labels.length === 0
          ? `This dialog has no labels.\n${MARK_HELP_TOPIC}`
          : `Labels: ${dialog.labels.join(", ")}`,
      );
    case "help":
      return notice(MARK_HELP_TOPIC);
    case "invalid":
      return notice(`⚠️ ${command.reason}.\n${MARK_HELP_TOPIC}`);
    case "show":
      return addLabel(input, dialog, command.name);
    case "delete":
      return removeLabel(input, dialog, command.name);
    default:
      return notice(`⚠️ Labels are managed in the General topic; here: ${MARK_HELP_TOPIC}`);
  }
}

function addLabel(input: CommandInput, dialog: DialogState, name: string): Decision {
  const definitions = input.context.modules?.labels ?? [];
  const label = definitions.find((definition) => definition.name === name);
  if (!label) {
    return replyNotice(
      input.message,
      `⚠️ There is no label “${name}”. /mark in the General topic lists them; /mark new ${name} there creates it.`,
      dialog,
    );
  }
  if (dialog.labels.includes(name)) {
    return replyNotice(input.message, `The dialog already has the label “${name}”.`, dialog);
  }
  // `after`: putting on a later funnel stage takes the earlier stages off.
  const removed = dialog.labels.filter((existing) => label.removes.includes(existing));
  const labels = [...dialog.labels.filter((existing) => !removed.includes(existing)), name];
  const decision = relabel(input, dialog, labels, { added: [name], removed }, definitions);
  const sent = sendOnAssignment(input, label);
  if (sent.job) decision.jobs.push(sent.job);
  const gone = removed.length > 0 ? ` (removed: ${removed.join(", ")})` : "";
  decision.jobs.unshift(
    ...replyNotice(input.message, `🏷 Label “${name}” added${gone}.${sent.note}`, dialog).jobs,
  );
  return decision;
}

function removeLabel(input: CommandInput, dialog: DialogState, name: string): Decision {
  if (!dialog.labels.includes(name)) {
    return replyNotice(input.message, `⚠️ The dialog has no label “${name}”.`, dialog);
  }
  const labels = dialog.labels.filter((existing) => existing !== name);
  const definitions = input.context.modules?.labels ?? [];
  const decision = relabel(input, dialog, labels, { added: [], removed: [name] }, definitions);
  decision.jobs.unshift(...replyNotice(input.message, `🏷 Label “${name}” removed.`, dialog).jobs);
  return decision;
}

/** The new label list stored, the topic renamed when its tickers change, and `dialog.tagged` published. */
function relabel(
  input: CommandInput,
  dialog: DialogState,
  labels: string[],
  change: { added: string[]; removed: string[] },
  definitions: LabelDefinition[],
): Decision {
  const { context } = input;
  const operatorId = context.event.from?.id;
  const decision: Decision = {
    jobs: [],
    dialogEvents: [],
    patchDialog: { labels },
    domainEvents: [
      {
        kind: "dialog.tagged",
        labels: { current: labels, ...change },
        ...(operatorId === undefined ? {} : { operatorId }),
      },
    ],
  };
  const tickers = tickersOf(labels, definitions);
  if (tickers.join("\u0000") !== tickersOf(dialog.labels, definitions).join("\u0000")) {
    decision.jobs.push({
      type: "topic.rename",
      lane: "group",
      name: topicName({ ...dialog, tickers }, dialog.status, context.params, context.pseudonymKey),
    });
  }
  return decision;
}

/** `sends`: the label's quick reply goes to the client when the label is put on. */
function sendOnAssignment(input: CommandInput, label: LabelDefinition) {
  if (label.sendsTemplate === null) return { note: "" };
  const reply = findQuickReply(input, label.sendsTemplate);
  if (!reply)
    return { note: ` Its quick reply “${label.sendsTemplate}” no longer exists: nothing was sent.` };
  return {
    job: templateJob(reply, false, input.context.event.from?.id),
    note: ` Quick reply “${reply.name}” sent to the client.`,
  };
}
