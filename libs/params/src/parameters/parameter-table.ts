import { type ParseResult, succeed } from "../parse-result.ts";
import { booleanSyntax, parseBooleanValue } from "../values/boolean-value.ts";
import { parseChoiceListValue } from "../values/choice-list-value.ts";
import { parseCommandListValue } from "../values/command-list-value.ts";
import { parseExtensionsAllowedValue } from "../values/extensions-allowed-value.ts";
import { parseHoursValue } from "../values/hours-value.ts";
import { parseIconColorValue } from "../values/icon-color-value.ts";
import { parseIdListValue } from "../values/id-list-value.ts";
import { parseKeywordValue } from "../values/keyword-value.ts";
import { isOffOrNone } from "../values/off-value.ts";
import { parseWebhooksValue } from "../values/webhooks-value.ts";
import { parseWelcomeValue } from "../values/welcome-value.ts";
import { defineParameter, type ParameterDefinition } from "./parameter-definition.ts";

export const hideInfoOptions = ["name", "title", "link", "command"] as const;
export type HideInfoOption = (typeof hideInfoOptions)[number];

export const leaveClosedChatKinds = ["private", "group", "channel"] as const;
export type LeaveClosedChatKind = (typeof leaveClosedChatKinds)[number];

/** MarkdownV2 needs `!` and `.` escaped; `{title}` is replaced before sending, so it stays as is. */
export const defaultWelcomeTemplate =
  "Hello, {title}\\! Describe your question and we will answer as soon as possible\\.";

const keywordSyntax = 'keywords like "help", ["call","operator"], ["price","~free"], or OFF for no filter';
const restrictedSyntax =
  'words in double quotes separated by commas (e.g. "@gmail.com", "+7"), or OFF for none';

/** OFF clears a list; for lists the empty list is the "off" state. */
function offOr<Value>(read: (raw: string) => ParseResult<readonly Value[]>) {
  return (raw: string): ParseResult<readonly Value[]> => (isOffOrNone(raw) ? succeed([]) : read(raw));
}

function booleanParameter<const Name extends string>(
  name: Name,
  summary: string,
  defaultRaw: "TRUE" | "FALSE",
) {
  return defineParameter({ name, summary, syntax: booleanSyntax, defaultRaw, read: parseBooleanValue });
}

function keywordParameter<const Name extends string>(name: Name, summary: string) {
  const read = (raw: string) => parseKeywordValue(raw, { allowGroups: true });
  return defineParameter({ name, summary, syntax: keywordSyntax, defaultRaw: "OFF", read });
}

function restrictedWordsParameter<const Name extends string>(name: Name, summary: string) {
  const read = (raw: string) => parseKeywordValue(raw, { allowGroups: false });
  return defineParameter({ name, summary, syntax: restrictedSyntax, defaultRaw: "OFF", read });
}

/**
 * Every connection parameter, in the order of the reference product's documentation (so a team
 * moving over finds them where it expects), then Topicdesk's own additions. Help, CLI and API list
 * them in this order.
 */
export const parameterDefinitions = [
  defineParameter({
    name: "WELCOME",
    summary: "Greeting sent to a client when their dialog opens and each time it reopens.",
    syntax: "Markdown v2 text, with {title} for the client's name, or OFF to send none",
    defaultRaw: defaultWelcomeTemplate,
    read: parseWelcomeValue,
  }),
  defineParameter({
    name: "AUTOCLOSE",
    aliases: ["AUTO_CLOSE"],
    summary: "Hours an answered (🟨) dialog waits for the client before it closes itself.",
    syntax: 'a whole number of hours (e.g. 48 or 168), or 0 or OFF for "never"',
    defaultRaw: "48",
    read: parseHoursValue,
  }),
  booleanParameter(
    "AUTO_INFO",
    "Post the client's /info card in every new topic (helps when connections share a group).",
    "FALSE",
  ),
  defineParameter({
    name: "EXTENSIONS_ALLOWED",
    summary: "Users who, besides the administrator, may use /send, /mark, /export and get hidden /info.",
    syntax:
      'user ids separated by commas (e.g. 123456789, 987654321), "." for everyone in the group, or OFF for the administrator only',
    defaultRaw: "OFF",
    read: parseExtensionsAllowedValue,
  }),
  booleanParameter("SILENT_MODE", "Do not tell clients when their message could not be processed.", "FALSE"),
  defineParameter({
    name: "IGNORE_CHATS",
    summary: "Chats whose messages are ignored (/ban adds to it); 777000 is Telegram's service account.",
    syntax: "chat ids separated by commas (e.g. 777000, -1001234567890), or OFF for none",
    defaultRaw: "777000",
    read: offOr((raw) => parseIdListValue(raw, { usersOnly: false })),
  }),
  defineParameter({
    name: "WHITE_LIST",
    summary: "When set, only these chats are accepted and all others are ignored.",
    syntax: "chat ids separated by commas (e.g. 123456789, -1001234567890), or OFF to accept every chat",
    defaultRaw: "OFF",
    // null, not an empty list: an empty allow-list read literally would ignore everyone.
    read: (raw: string): ParseResult<readonly number[] | null> =>
      isOffOrNone(raw) ? succeed(null) : parseIdListValue(raw, { usersOnly: false }),
  }),
  defineParameter({
    name: "HIDE_INFO",
    summary: "Client data operators may not see: names, group titles, profile links, /info output.",
    syntax: 'any of "name", "title", "link", "command" separated by commas, or OFF for none',
    defaultRaw: "OFF",
    read: offOr((raw) => parseChoiceListValue(raw, hideInfoOptions)),
  }),
  booleanParameter(
    "REPLY_ONLY",
    "Deliver only explicit replies to client messages; everything else in a topic is a comment.",
    "FALSE",
  ),
  defineParameter({
    name: "LEAVE_CLOSED",
    summary: "Chat kinds whose topics stay closed on new client messages (and open closed, without welcome).",
    syntax: 'any of "private", "group", "channel" separated by commas, or OFF for none',
    defaultRaw: "OFF",
    read: offOr((raw) => parseChoiceListValue(raw, leaveClosedChatKinds)),
  }),
  keywordParameter(
    "PRIVATE_KEYWORDS",
    "Open or reactivate a private dialog only for a message matching these keywords.",
  ),
  booleanParameter("MONITOR_PRIVATE", "Relay private dialogs.", "TRUE"),
  booleanParameter(
    "MONITOR_GROUPS",
    "Relay groups the frontend is in, one topic per group; operators may post into them.",
    "FALSE",
  ),
  keywordParameter(
    "GROUPS_KEYWORDS",
    "Open or reactivate a group's topic only for a message matching these keywords.",
  ),
  booleanParameter(
    "MONITOR_CHANNELS",
    "Relay posts of channels the frontend is in, one topic per channel; operators may post into them.",
    "FALSE",
  ),
  keywordParameter(
    "CHANNELS_KEYWORDS",
    "Open or reactivate a channel's topic only for a post matching these keywords.",
  ),
  restrictedWordsParameter(
    "RESTRICTED_KEYWORDS_FRONTEND",
    "Client messages containing any of these words are not relayed to the backend group.",
  ),
  restrictedWordsParameter(
    "RESTRICTED_KEYWORDS_BACKEND",
    "Operator messages containing any of these words are refused with an error instead of sent.",
  ),
  defineParameter({
    name: "WEBHOOKS",
    summary: "Where to POST events and operators' /commands: receiver URLs and what each gets.",
    syntax:
      'a JSON object of URLs and lists of events or /commands, e.g. {"https://crm.example/hook": ["dialog_created", "/invoice"]}, or OFF for none',
    defaultRaw: "OFF",
    read: offOr(parseWebhooksValue),
  }),
  defineParameter({
    name: "CUSTOM_COMMANDS",
    summary: "Commands another bot in the group handles: Topicdesk does not answer them as unknown.",
    syntax: "command names separated by commas (e.g. /crm, /deal), or OFF for none",
    defaultRaw: "OFF",
    read: offOr(parseCommandListValue),
  }),
  defineParameter({
    name: "ICON_COLOR",
    summary: "Icon colour of this connection's topics, to tell connections apart in a shared group.",
    syntax:
      "blue, yellow, violet, green, rose or red, or Telegram's number for one of them (e.g. 7322096 or 0x6FB9F0)",
    defaultRaw: "blue",
    read: parseIconColorValue,
  }),
  booleanParameter(
    "INTERCEPT_EXTERNAL",
    "In parallel mode, show what the other system sends through the bot in the topic, as intercepted.",
    "TRUE",
  ),
] as const;

export type AnyParameterDefinition = (typeof parameterDefinitions)[number];
export type ParameterName = AnyParameterDefinition["name"];

type ValueOf<Definition> = Definition extends ParameterDefinition<string, infer Value> ? Value : never;

/**
 * The typed value of every parameter, keyed by the parameter's own name (`values.AUTOCLOSE`), so
 * code, CLI, API and documentation share one vocabulary. Derived from the table, never written by hand.
 */
export type ParameterValues = {
  readonly [Definition in AnyParameterDefinition as Definition["name"]]: ValueOf<Definition>;
};
