import { DialogStatus, type MessageInfo } from "@topicdesk/contracts";
import { type Decision, emptyDecision, ignore, type JobSpec, type NewDialog } from "../decide/decision.ts";
import type { EventContext } from "../decide/event-context.ts";
import { type CardSubject, openingCard } from "../decide/info-card.ts";
import type { FoundUser, NewDialogFacts, NewDialogTarget } from "../decide/new-dialog-facts.ts";
import { replyNotice } from "../decide/reply-notice.ts";
import { topicName } from "../decide/topic-name.ts";
import { requireRole } from "../roles/require-role.ts";
import type { CommandHandler } from "./command-types.ts";
import { messageLink } from "./message-link.ts";
import { type NewArguments, parseNewArguments } from "./new-arguments.ts";

/**
 * `/new USER_ID` or `/new @username` in the General topic: opens a dialog (topic and card) with a
 * user, so the operator's next message in that topic goes to them. Every connection of a shared
 * backend group sees the command; exactly one acts or answers (the one named with `i<id>`, else
 * the first), so the group never gets two topics or two answers.
 */
export const newCommand: CommandHandler = ({ context, args, message }) => {
  const facts = context.newDialog;
  if (!facts) return ignore("/new: facts not loaded");
  const parsed = parseNewArguments(args);
  if (speakerFor(facts, parsed) !== context.connection.id) return ignore("/new: another connection answers");
  if (message.threadId !== undefined) {
    return replyNotice(message, "/new works in the General topic.", context.dialog);
  }
  const refusal = requireRole({ caller: context.caller, message, dialog: undefined }, "operator", "/new");
  if (refusal) return refusal;
  if (!parsed.ok) return answer(message, parsed.error);
  const connections = facts.groupConnections;
  if (parsed.connectionId !== undefined && !connections.includes(parsed.connectionId)) {
    return answer(
      message,
      `No connection “${parsed.connectionId}” in this group. Here: ${connectionList(connections)}.`,
    );
  }
  if (parsed.connectionId === undefined && connections.length > 1) {
    return answer(
      message,
      `Several connections share this group (${connectionList(connections)}): add which one, e.g. /new ${args.split(/\s+/)[0]} i${connections[0]}.`,
    );
  }
  if (!facts.target) return ignore("/new: no target loaded");
  return decideTarget(context, message, facts.target);
};

function speakerFor(facts: NewDialogFacts, parsed: NewArguments): string | undefined {
  const named = parsed.ok ? parsed.connectionId : undefined;
  if (named !== undefined && facts.groupConnections.includes(named)) return named;
  return facts.groupConnections[0];
}

function decideTarget(context: EventContext, message: MessageInfo, target: NewDialogTarget): Decision {
  switch (target.kind) {
    case "existing":
      return answer(message, existingDialogText(context, target));
    case "found":
      return openDialogWith(context, message, target.user);
    case "not-reachable":
      return answer(
        message,
        `⛔ The bot cannot write to ${target.userId}: Telegram lets a bot write only to people who started it (or the id is wrong). Ask them to open the bot first, or use an account connection.`,
      );
    case "unknown-username":
      return answer(
        message,
        `🔎 @${target.username} is not one of this bot's clients, and a bot cannot look people up by username (Telegram's Bot API does not resolve them). Use /new USER_ID; the user must have started the bot.`,
      );
    case "account-unreachable":
      return answer(
        message,
        `⛔ The account cannot reach ${target.userId}: Telegram lets an account write to a user id only once it has met them (a chat, a shared group, its contacts), or the id is wrong. Try /new @username.`,
      );
    case "no-such-username":
      return answer(message, `🔎 Telegram has no user @${target.username}.`);
    case "lookup-failed":
      return answer(message, "⚠️ Could not ask Telegram about this user just now. Try again in a minute.");
  }
}

function existingDialogText(
  context: EventContext,
  target: Extract<NewDialogTarget, { kind: "existing" }>,
): string {
  if (target.topicId === null)
    return `A dialog with ${target.clientChatId} is already being opened; its topic appears in a moment.`;
  const link = messageLink(context.connection.backendChatId, target.topicId, null);
  return target.status === DialogStatus.Closed
    ? `There is a closed dialog with ${target.clientChatId}: ${link} — reopen that topic and write there.`
    : `There is already a dialog with ${target.clientChatId}: ${link} — write there.`;
}

/**
 * A new dialog the team opened: 🟪 until the operator's first message (someone owes the user that
 * message), no welcome (the operator writes first), the usual opening card.
 */
function openDialogWith(context: EventContext, message: MessageInfo, user: FoundUser): Decision {
  const { params, now, pseudonymKey, connection } = context;
  const newDialog: NewDialog = {
    clientChatId: user.id,
    chatType: "private",
    status: DialogStatus.UserAnswered,
    firstName: user.firstName,
    lastName: user.lastName,
    username: user.username,
  };
  const card: CardSubject = {
    clientChatId: user.id,
    chatType: "private",
    firstName: user.firstName,
    lastName: user.lastName,
    username: user.username,
    languageCode: null,
    title: null,
    phone: null,
    startParam: null,
    createdAt: now,
    labels: [],
  };
  const jobs: JobSpec[] = [
    {
      type: "topic.create",
      lane: "group",
      name: topicName(newDialog, newDialog.status, params, pseudonymKey),
      iconColor: params.iconColor,
    },
  ];
  if (!params.hideInfo.has("command")) {
    jobs.push({
      type: "text.send",
      lane: "group",
      target: { kind: "topic" },
      text: openingCard(card, connection.id, params, pseudonymKey),
    });
  }
  jobs.push(
    ...answer(
      message,
      `✅ Dialog opened with ${user.id}: write in its new topic and your message goes to them.`,
    ).jobs,
  );
  const operatorId = context.event.from?.id;
  return {
    ...emptyDecision(),
    createDialog: newDialog,
    jobs,
    domainEvents: [
      operatorId === undefined ? { kind: "dialog.opened" } : { kind: "dialog.opened", operatorId },
    ],
    dialogEvents: [operatorId === undefined ? { kind: "opened" } : { kind: "opened", operatorId }],
  };
}

/** One line in the General topic, replying to the command. */
function answer(message: MessageInfo, text: string): Decision {
  return replyNotice(message, text, undefined);
}

function connectionList(ids: string[]): string {
  return ids.map((id) => `i${id}`).join(", ");
}
