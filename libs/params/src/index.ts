// The one table of connection parameters (names, syntax, defaults, parsing, help) and the
// keyword-filter and welcome helpers that read their values.

export type { KeywordFilter, KeywordGroup, KeywordTerm } from "./keywords/keyword-filter.ts";
export { formatKeywordFilter } from "./keywords/keyword-filter-format.ts";
export { matchesKeywords } from "./keywords/keyword-filter-match.ts";
export { type KeywordSyntaxOptions, parseKeywordFilter } from "./keywords/keyword-filter-parser.ts";
export type { ParameterDefinition } from "./parameters/parameter-definition.ts";
export { formatParameterHelp } from "./parameters/parameter-help-format.ts";
export { findParameter } from "./parameters/parameter-lookup.ts";
export { parseParameter } from "./parameters/parameter-parse.ts";
export { type ResolvedParameters, resolveParameters } from "./parameters/parameter-resolve.ts";
export {
  type AnyParameterDefinition,
  defaultWelcomeTemplate,
  type HideInfoOption,
  hideInfoOptions,
  type LeaveClosedChatKind,
  leaveClosedChatKinds,
  type ParameterName,
  type ParameterValues,
  parameterDefinitions,
} from "./parameters/parameter-table.ts";
export type { ParseResult } from "./parse-result.ts";
export type { ExtensionsAllowed } from "./values/extensions-allowed-value.ts";
export {
  type ForumIconColor,
  type ForumIconColorName,
  forumIconColors,
  isForumIconColor,
} from "./values/icon-color-value.ts";
export {
  parseWebhookSubscription,
  parseWebhooksValue,
  type WebhookEventName,
  type WebhookSubscription,
  webhookEventNames,
} from "./values/webhooks-value.ts";
export { escapeMarkdownV2 } from "./welcome/markdown-v2-escape.ts";
export { renderWelcome, type WelcomeFields } from "./welcome/welcome-render.ts";
