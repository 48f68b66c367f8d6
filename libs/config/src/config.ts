import type { LogLevels, NodeEnvs } from "./config-variables.ts";

export type NodeEnv = (typeof NodeEnvs)[number];
export type LogLevel = (typeof LogLevels)[number];

/** The bot a single-connection install runs with (TOPICDESK_BOT_TOKEN + TOPICDESK_BACKEND_CHAT_ID). */
export interface BotConfig {
  readonly token: string;
  readonly backendChatId: number;
}

/** The app credentials every MTProto client needs (TELEGRAM_API_ID + TELEGRAM_API_HASH). */
export interface MtprotoCredentialsConfig {
  readonly apiId: number;
  readonly apiHash: string;
}

/** How Telegram updates reach ingress: pushed to our public URL, or pulled with getUpdates. */
export type UpdatesConfig =
  | { readonly mode: "webhook"; readonly publicUrl: string }
  | { readonly mode: "polling"; readonly publicUrl: string | undefined };

/** Telegram's limits as Topicdesk applies them; 0 means unlimited (self-hosted Bot API, tests). */
export interface LimitsConfig {
  readonly groupPerMinute: number;
  readonly chatPerSecond: number;
  readonly botPerSecond: number;
}

/** Everything a service may read from the environment, validated once at start. */
export interface Config {
  readonly nodeEnv: NodeEnv;
  readonly telegramApiRoot: string;
  /** Absent when no bot is configured from the environment (e.g. connections come from the setup bot). */
  readonly bot: BotConfig | undefined;
  readonly connectionId: string;
  readonly updates: UpdatesConfig;
  readonly http: { readonly host: string; readonly port: number };
  /** Port of the HTTP API (on `http.host`). */
  readonly apiPort: number;
  /** Port of the demo's Telegram simulator (only without a bot token). */
  readonly simPort: number;
  /** The setup bot's token; absent, the setup bot does not run. */
  readonly setupBotToken: string | undefined;
  /** Absent: no MTProto (accounts and parallel bots are off). */
  readonly mtproto: MtprotoCredentialsConfig | undefined;
  /** Port of /healthz, /readyz and /metrics (on `http.host`); 0 picks a free one. */
  readonly opsPort: number;
  /** Replicas of the JetStream streams Topicdesk creates. */
  readonly streamReplicas: number;
  readonly databaseUrl: string;
  readonly natsUrl: string;
  readonly redisUrl: string;
  /** Encrypts secrets at rest. In development it may be a random throwaway key (see `warnings`). */
  readonly secretKey: string;
  /** Number of router partitions of `td.in.<partition>.…`. */
  readonly partitions: number;
  readonly limits: LimitsConfig;
  /** Broadcast sends per connection per minute, below Telegram's limits; 0 = only those. */
  readonly broadcastPerMinute: number;
  readonly albumDebounceMs: number;
  /** Delivery lanes (workers) one delivery process runs at most. */
  readonly deliveryMaxLanes: number;
  readonly logLevel: LogLevel;
  readonly otlpEndpoint: string | undefined;
  /** Problems that do not stop the service but must be logged loudly at start. */
  readonly warnings: readonly string[];
}
