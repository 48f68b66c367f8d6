import type { BotConfig, Config, MtprotoCredentialsConfig, UpdatesConfig } from "./config.ts";
import * as vars from "./config-variables.ts";
import { type Env, missingValue, readVariable } from "./env-variable.ts";
import { resolveSecretKey } from "./secret-key.ts";

/**
 * Reads the whole configuration once, at start. Throws ConfigError (one line, no secrets) at the
 * first bad or missing value; services print its message and exit 1.
 */
export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = readVariable(env, vars.NODE_ENV, "development");
  const secret = resolveSecretKey(env, nodeEnv);
  return {
    nodeEnv,
    telegramApiRoot: withoutTrailingSlash(
      readVariable(env, vars.TELEGRAM_API_ROOT, "https://api.telegram.org"),
    ),
    bot: readBot(env),
    connectionId: readVariable(env, vars.TOPICDESK_CONNECTION_ID, "main"),
    updates: readUpdates(env),
    http: {
      host: readVariable(env, vars.TOPICDESK_HTTP_HOST, "0.0.0.0"),
      port: readVariable(env, vars.TOPICDESK_HTTP_PORT, 8080),
    },
    apiPort: readVariable(env, vars.TOPICDESK_API_PORT, 8082),
    simPort: readVariable(env, vars.TOPICDESK_SIM_PORT, 8081),
    setupBotToken: readVariable(env, vars.TOPICDESK_SETUP_BOT_TOKEN),
    mtproto: readMtproto(env),
    opsPort: readVariable(env, vars.TOPICDESK_OPS_PORT, 9464),
    streamReplicas: readVariable(env, vars.TOPICDESK_STREAM_REPLICAS, 1),
    databaseUrl: readVariable(env, vars.DATABASE_URL, "postgres://postgres@127.0.0.1:5432/topicdesk"),
    natsUrl: readVariable(env, vars.NATS_URL, "nats://127.0.0.1:4222"),
    redisUrl: readVariable(env, vars.REDIS_URL, "redis://127.0.0.1:6379"),
    secretKey: secret.key,
    partitions: readVariable(env, vars.TOPICDESK_PARTITIONS, 8),
    limits: {
      groupPerMinute: readVariable(env, vars.TOPICDESK_LIMIT_GROUP_PER_MINUTE, 20),
      chatPerSecond: readVariable(env, vars.TOPICDESK_LIMIT_CHAT_PER_SECOND, 1),
      botPerSecond: readVariable(env, vars.TOPICDESK_LIMIT_BOT_PER_SECOND, 30),
    },
    broadcastPerMinute: readVariable(env, vars.TOPICDESK_BROADCAST_PER_MINUTE, 1000),
    albumDebounceMs: readVariable(env, vars.TOPICDESK_ALBUM_DEBOUNCE_MS, 1000),
    // Sized for a delivery pod of 512 MiB (k8s/base): the bench measured ~170 MB for the process and
    // its RSS peaking ~1.1 MB higher per running lane, so 200 lanes stay near 400 MB.
    deliveryMaxLanes: readVariable(env, vars.TOPICDESK_DELIVERY_MAX_LANES, 200),
    logLevel: readVariable(env, vars.LOG_LEVEL, "info"),
    otlpEndpoint: readVariable(env, vars.OTEL_EXPORTER_OTLP_ENDPOINT),
    warnings: secret.warning === undefined ? [] : [secret.warning],
  };
}

/** A token without its group (or the reverse) is a half-done setup, not "no bot". */
function readBot(env: Env): BotConfig | undefined {
  const token = readVariable(env, vars.TOPICDESK_BOT_TOKEN);
  const backendChatId = readVariable(env, vars.TOPICDESK_BACKEND_CHAT_ID);
  if (token === undefined && backendChatId === undefined) return undefined;
  if (token === undefined) {
    throw missingValue(vars.TOPICDESK_BOT_TOKEN, "when TOPICDESK_BACKEND_CHAT_ID is set");
  }
  if (backendChatId === undefined) {
    throw missingValue(vars.TOPICDESK_BACKEND_CHAT_ID, "when TOPICDESK_BOT_TOKEN is set");
  }
  return { token, backendChatId };
}

/** One credential without the other is a half-done setup, as with the bot. */
function readMtproto(env: Env): MtprotoCredentialsConfig | undefined {
  const apiId = readVariable(env, vars.TELEGRAM_API_ID);
  const apiHash = readVariable(env, vars.TELEGRAM_API_HASH);
  if (apiId === undefined && apiHash === undefined) return undefined;
  if (apiId === undefined) throw missingValue(vars.TELEGRAM_API_ID, "when TELEGRAM_API_HASH is set");
  if (apiHash === undefined) throw missingValue(vars.TELEGRAM_API_HASH, "when TELEGRAM_API_ID is set");
  return { apiId, apiHash };
}

function readUpdates(env: Env): UpdatesConfig {
  const mode = readVariable(env, vars.TOPICDESK_UPDATES, "polling");
  const publicUrl = readVariable(env, vars.TOPICDESK_PUBLIC_URL);
  if (mode === "polling") return { mode, publicUrl };
  if (publicUrl === undefined) {
    throw missingValue(vars.TOPICDESK_PUBLIC_URL, "when TOPICDESK_UPDATES=webhook");
  }
  return { mode, publicUrl };
}

/** grammY refuses an API root ending in "/"; accept it from people and normalize here. */
function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
