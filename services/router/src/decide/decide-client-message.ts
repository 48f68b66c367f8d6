import { albumJobId, DialogStatus, type InboundEvent, type MessageInfo } from "@topicdesk/contracts";
import { matchesKeywords, renderWelcome } from "@topicdesk/params";
import { type Decision, emptyDecision, ignore, type JobSpec, type NewDialog } from "./decision.ts";
import type { DialogParameters } from "./dialog-parameters.ts";
import { chatKind, type DialogState, type EventContext } from "./event-context.ts";
import { type CardSubject, openingCard } from "./info-card.ts";
import { topicName, visibleClientName } from "./topic-name.ts";

/** What happens to a message a client wrote to the connected bot (or in a monitored chat). */
export function decideClientMessage(context: EventContext): Decision {
  const { event, params, dialog } = context;
  const message = event.message;
  if (!message) return ignore("message event without a message");
  const refusal = admissionRefusal(event, dialog, params);
  if (refusal) return ignore(refusal);
  if (params.restrictedFrontend && message.text && matchesKeywords(params.restrictedFrontend, message.text)) {
    return withheldNotice(dialog);
  }
  if ((!dialog || dialog.status === DialogStatus.Closed) && !passesKeywordGate(event, message, params)) {
    return ignore("keyword filter: a closed or new dialog opens only on a matching message");
  }
  if (!dialog) return openDialog(context, message);
  return continueDialog(context, dialog, message);
}

function admissionRefusal(
  event: InboundEvent,
  dialog: DialogState | undefined,
  params: DialogParameters,
): string | undefined {
  const kind = chatKind(event.chat.type);
  if (kind === "private" && !params.monitorPrivate) return "MONITOR_PRIVATE is off";
  if (kind === "group" && !params.monitorGroups) return "MONITOR_GROUPS is off";
  if (kind === "channel" && !params.monitorChannels) return "MONITOR_CHANNELS is off";
  if (event.from?.isBot && kind === "private") return "messages from bots are not relayed";
  const ids = [event.chat.id, event.from?.id].filter((id): id is number => id !== undefined);
  if (ids.some((id) => params.ignoreChats.has(id))) return "chat is in IGNORE_CHATS";
  if (params.whiteList && !ids.some((id) => params.whiteList?.has(id))) return "chat is not in WHITE_LIST";
  if (dialog?.banned) return "client is banned";
  if (isServiceMessage(event)) return "service message";
  return undefined;
}

function isServiceMessage(event: InboundEvent): boolean {
  return event.message?.content === "service";
}

function passesKeywordGate(event: InboundEvent, message: MessageInfo, params: DialogParameters): boolean {
  const kind = chatKind(event.chat.type);
  const filter =
    kind === "private"
      ? params.privateKeywords
      : kind === "group"
        ? params.groupsKeywords
        : params.channelsKeywords;
  if (!filter) return true;
  return message.text !== undefined && matchesKeywords(filter, message.text);
}

function withheldNotice(dialog: DialogState | undefined): Decision {
  if (!dialog?.topicId) return ignore("restricted keyword (RESTRICTED_KEYWORDS_FRONTEND)");
  return {
    ...emptyDecision(),
    jobs: [
      {
        type: "text.send",
        lane: "group",
        target: { kind: "topic" },
        text: "🚫 A client message was withheld: it contains a word listed in RESTRICTED_KEYWORDS_FRONTEND.",
      },
    ],
  };
}

function openDialog(context: EventContext, message: MessageInfo): Decision {
  const { event, params, now } = context;
  const kind = chatKind(event.chat.type);
  const bornClosed = params.leaveClosed.has(kind);
  const newDialog: NewDialog = {
    clientChatId: event.chat.id,
    chatType: event.chat.type,
    status: bornClosed ? DialogStatus.Closed : DialogStatus.UserAnswered,
    firstName: kind === "private" ? (event.from?.firstName ?? null) : null,
    lastName: kind === "private" ? (event.from?.lastName ?? null) : null,
    username: kind === "private" ? (event.from?.username ?? null) : (event.chat.username ?? null),
    languageCode: event.from?.languageCode ?? null,
    title: kind === "private" ? null : (event.chat.title ?? null),
    phone: message.sharedOwnPhone ?? null,
    startParam: startParameter(message.text),
  };
  const card: CardSubject = {
    clientChatId: newDialog.clientChatId,
    chatType: newDialog.chatType,
    firstName: newDialog.firstName ?? null,
    lastName: newDialog.lastName ?? null,
    username: newDialog.username ?? null,
    languageCode: newDialog.languageCode ?? null,
    title: newDialog.title ?? null,
    phone: newDialog.phone ?? null,
    startParam: newDialog.startParam ?? null,
    createdAt: now,
    labels: [],
  };
  const jobs: JobSpec[] = [
    {
      type: "topic.create",
      lane: "group",
      name: topicName(newDialog, newDialog.status, params, context.pseudonymKey),
      iconColor: params.iconColor,
    },
  ];
  // With HIDE_INFO command the card is for EXTENSIONS_ALLOWED only: they ask for it with /info.
  if (!params.hideInfo.has("command")) {
    jobs.push({
      type: "text.send",
      lane: "group",
      target: { kind: "topic" },
      text: openingCard(card, context.connection.id, params, context.pseudonymKey),
    });
  }
  jobs.push(copyToTopic(event, message, params));
  if (bornClosed) jobs.push({ type: "topic.set-open", lane: "group", open: false });
  else jobs.push(...welcomeJobs(context, newDialog));
  return {
    ...emptyDecision(),
    createDialog: newDialog,
    jobs,
    domainEvents: [{ kind: "dialog.opened" }, { kind: "message.inbound", messageIds: [message.messageId] }],
    dialogEvents: [{ kind: "opened" }, { kind: "client_message" }],
    albumPart: albumPartOf(event, message),
  };
}

function continueDialog(context: EventContext, dialog: DialogState, message: MessageInfo): Decision {
  const { event, params, now } = context;
  const decision: Decision = {
    ...emptyDecision(),
    patchDialog: { lastClientMessageAt: now },
    domainEvents: [{ kind: "message.inbound", messageIds: [message.messageId] }],
    dialogEvents: [{ kind: "client_message" }],
    albumPart: albumPartOf(event, message),
  };
  if (message.sharedOwnPhone)
    decision.patchDialog = { ...decision.patchDialog, phone: message.sharedOwnPhone };
  const staysClosed =
    dialog.status === DialogStatus.Closed && params.leaveClosed.has(chatKind(dialog.chatType));
  const nextStatus = staysClosed ? DialogStatus.Closed : DialogStatus.UserAnswered;
  const reopening = dialog.status === DialogStatus.Closed && !staysClosed;
  if (reopening) decision.jobs.push({ type: "topic.set-open", lane: "group", open: true });
  if (nextStatus !== dialog.status) {
    decision.patchDialog = {
      ...decision.patchDialog,
      status: nextStatus,
      statusChangedAt: now,
      closedAt: null,
    };
    decision.jobs.push({
      type: "topic.rename",
      lane: "group",
      name: topicName(dialog, nextStatus, params, context.pseudonymKey),
    });
  }
  decision.jobs.push(copyToTopic(event, message, params));
  if (reopening) {
    decision.jobs.push(...welcomeJobs(context, dialog));
    decision.domainEvents.unshift({ kind: "dialog.reopened" });
    decision.dialogEvents.unshift({ kind: "reopened" });
  }
  return decision;
}

function copyToTopic(event: InboundEvent, message: MessageInfo, params: DialogParameters): JobSpec {
  const job: JobSpec = {
    type: "copy.to-topic",
    lane: "group",
    fromChatId: event.chat.id,
    messageIds: [message.messageId],
  };
  if (!params.silentMode && event.chat.type === "private") job.notifyClientOnFailure = true;
  if (message.replyToMessageId !== undefined) job.replyToClientMessageId = message.replyToMessageId;
  if (message.mediaGroupId !== undefined) {
    job.mediaGroupId = message.mediaGroupId;
    job.fixedId = albumJobId(event.connectionId, event.chat.id, message.mediaGroupId);
  }
  return job;
}

function albumPartOf(event: InboundEvent, message: MessageInfo): Decision["albumPart"] {
  if (message.mediaGroupId === undefined) return undefined;
  return { chatId: event.chat.id, mediaGroupId: message.mediaGroupId, messageId: message.messageId };
}

function welcomeJobs(context: EventContext, client: NewDialog | DialogState): JobSpec[] {
  const { params } = context;
  if (params.welcome === null) return [];
  // In monitored group chats a welcome would be posted for everyone to see: only when asked for.
  if (chatKind(client.chatType) !== "private" && !params.welcomeExplicit) return [];
  const title = visibleClientName(client, { ...params, hideInfo: new Set() }, context.pseudonymKey);
  return [
    {
      type: "text.send",
      lane: "chat",
      target: { kind: "client" },
      text: renderWelcome(params.welcome, { title }),
      parseMode: "MarkdownV2",
    },
  ];
}

/** `/start payload` deep links carry a campaign or referral tag worth keeping on the card. */
function startParameter(text: string | undefined): string | null {
  const match = text?.match(/^\/start(?:@\w+)?\s+(\S{1,64})/);
  return match?.[1] ?? null;
}
