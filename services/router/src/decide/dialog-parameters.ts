import type { KeywordFilter } from "@topicdesk/params";

/** The parameters the router's decisions read, already parsed and defaulted. */
export interface DialogParameters {
  welcome: string | null;
  /** Whether WELCOME was set explicitly (groups get a welcome only then). */
  welcomeExplicit: boolean;
  autoCloseHours: number;
  autoInfo: boolean;
  hideInfo: ReadonlySet<"name" | "title" | "link" | "command">;
  ignoreChats: ReadonlySet<number>;
  whiteList: ReadonlySet<number> | null;
  monitorPrivate: boolean;
  monitorGroups: boolean;
  monitorChannels: boolean;
  privateKeywords: KeywordFilter | null;
  groupsKeywords: KeywordFilter | null;
  channelsKeywords: KeywordFilter | null;
  leaveClosed: ReadonlySet<"private" | "group" | "channel">;
  silentMode: boolean;
  replyOnly: boolean;
  restrictedFrontend: KeywordFilter | null;
  restrictedBackend: KeywordFilter | null;
  iconColor: number;
  /** EXTENSIONS_ALLOWED "." : everyone in the backend group has the module rights. */
  extensionsEveryone: boolean;
  extensionsAllowed: ReadonlySet<number>;
  customCommands: ReadonlySet<string>;
  /** Commands (names without the slash) some WEBHOOKS receiver subscribed to: each use fires `command.invoked`. */
  webhookCommands: ReadonlySet<string>;
  /** INTERCEPT_EXTERNAL: show what the connection sent from elsewhere in the topic. */
  interceptExternal: boolean;
}
