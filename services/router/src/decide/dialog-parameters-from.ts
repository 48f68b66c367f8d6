import type { ResolvedParameters } from "@topicdesk/params";
import type { DialogParameters } from "./dialog-parameters.ts";

/** What a receiver subscribes to: the WEBHOOKS parameter's entries and registered receivers alike. */
export interface WebhookEventList {
  readonly events: readonly string[];
}

/**
 * The router's view of a connection's parameters: the same values as `@topicdesk/params` resolves,
 * with lists turned into sets for the lookups done on every message. `registeredReceivers` are the
 * receivers of `webhook_endpoints` (HTTP API, CLI): their `/commands` count like those of WEBHOOKS.
 */
export function dialogParametersFrom(
  resolved: ResolvedParameters,
  registeredReceivers: readonly WebhookEventList[] = [],
): DialogParameters {
  const values = resolved.values;
  const extensions = values.EXTENSIONS_ALLOWED;
  return {
    welcome: values.WELCOME,
    welcomeExplicit: resolved.explicit.includes("WELCOME"),
    autoCloseHours: values.AUTOCLOSE ?? 0,
    autoInfo: values.AUTO_INFO,
    hideInfo: new Set(values.HIDE_INFO),
    ignoreChats: new Set(values.IGNORE_CHATS),
    whiteList: values.WHITE_LIST === null ? null : new Set(values.WHITE_LIST),
    monitorPrivate: values.MONITOR_PRIVATE,
    monitorGroups: values.MONITOR_GROUPS,
    monitorChannels: values.MONITOR_CHANNELS,
    privateKeywords: values.PRIVATE_KEYWORDS,
    groupsKeywords: values.GROUPS_KEYWORDS,
    channelsKeywords: values.CHANNELS_KEYWORDS,
    leaveClosed: new Set(values.LEAVE_CLOSED),
    silentMode: values.SILENT_MODE,
    replyOnly: values.REPLY_ONLY,
    restrictedFrontend: values.RESTRICTED_KEYWORDS_FRONTEND,
    restrictedBackend: values.RESTRICTED_KEYWORDS_BACKEND,
    iconColor: values.ICON_COLOR,
    extensionsEveryone: extensions.kind === "everyone",
    extensionsAllowed: new Set(extensions.kind === "listed" ? extensions.userIds : []),
    customCommands: new Set(values.CUSTOM_COMMANDS),
    webhookCommands: webhookCommandsOf([...(values.WEBHOOKS ?? []), ...registeredReceivers]),
    interceptExternal: values.INTERCEPT_EXTERNAL,
  };
}

/** `/invoice` in any receiver's list → `invoice`; system events (`dialog_created` …) are not commands. */
function webhookCommandsOf(subscriptions: readonly WebhookEventList[]): ReadonlySet<string> {
  const commands = new Set<string>();
  for (const subscription of subscriptions) {
    for (const event of subscription.events) if (event.startsWith("/")) commands.add(event.slice(1));
  }
  return commands;
}
