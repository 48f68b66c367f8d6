import { CONNECTION_ID_PATTERN } from "@topicdesk/contracts";
import Type from "typebox";
import { integerVariable, stringVariable } from "./env-variable.ts";

/**
 * Every environment variable Topicdesk reads, in one table: name, accepted values and the phrase
 * used when a value is wrong. Defaults live in load-config.ts next to where each value is used.
 */

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Telegram only delivers webhooks over https; plain http is fine for a simulator on this machine. */
function isHttpsOrLocal(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === "https:" || (url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname));
}

function hasProtocol(...protocols: string[]): (value: string) => boolean {
  return (value) => URL.canParse(value) && protocols.includes(new URL(value).protocol);
}

function oneOf(values: readonly string[]): string {
  return `one of ${values.map((value) => `"${value}"`).join(", ")}`;
}

function count(minimum: number, maximum?: number) {
  return Type.Integer(maximum === undefined ? { minimum } : { minimum, maximum });
}

export const NodeEnvs = ["development", "production", "test"] as const;

export const NODE_ENV = stringVariable("NODE_ENV", Type.Enum(NodeEnvs), { expects: oneOf(NodeEnvs) });

export const TELEGRAM_API_ROOT = stringVariable("TELEGRAM_API_ROOT", Type.String(), {
  expects: "an http(s) URL of a Bot API server like https://api.telegram.org",
  refine: hasProtocol("http:", "https:"),
});

/** BotFather issues `<bot id>:<35 characters>`; longer secrets are accepted for self-hosted servers. */
function botTokenVariable(name: string) {
  return stringVariable(name, Type.String({ pattern: "^[0-9]+:[A-Za-z0-9_-]{35,}$" }), {
    expects: "a bot token like 123456789:AA… (digits, a colon, 35+ characters)",
    disclosure: "length-only",
  });
}

export const TOPICDESK_BOT_TOKEN = botTokenVariable("TOPICDESK_BOT_TOKEN");

/** The bot people configure Topicdesk with (`pnpm start setup`); a bot of its own, not a connection. */
export const TOPICDESK_SETUP_BOT_TOKEN = botTokenVariable("TOPICDESK_SETUP_BOT_TOKEN");

/** Supergroup ids are negative (-100…); a positive id would be a private chat, which has no topics. */
export const TOPICDESK_BACKEND_CHAT_ID = integerVariable(
  "TOPICDESK_BACKEND_CHAT_ID",
  Type.Integer({ maximum: -1, minimum: Number.MIN_SAFE_INTEGER }),
  { expects: "a negative integer chat id like -1001234567890" },
);

export const TOPICDESK_CONNECTION_ID = stringVariable(
  "TOPICDESK_CONNECTION_ID",
  Type.String({ pattern: CONNECTION_ID_PATTERN.source }),
  { expects: "1 to 40 lowercase letters, digits or dashes, starting with a letter or digit" },
);

export const UpdatesModes = ["webhook", "polling"] as const;

export const TOPICDESK_UPDATES = stringVariable("TOPICDESK_UPDATES", Type.Enum(UpdatesModes), {
  expects: oneOf(UpdatesModes),
});

export const TOPICDESK_PUBLIC_URL = stringVariable("TOPICDESK_PUBLIC_URL", Type.String(), {
  expects: "an https URL (http only for localhost) where Telegram can reach this install",
  refine: isHttpsOrLocal,
});

/** Port 0 lets the system pick a free port (tests). */
export const TOPICDESK_HTTP_PORT = integerVariable("TOPICDESK_HTTP_PORT", count(0, 65535), {
  expects: "a TCP port from 0 to 65535",
});

export const TOPICDESK_HTTP_HOST = stringVariable("TOPICDESK_HTTP_HOST", Type.String({ minLength: 1 }), {
  expects: "a host name or address to listen on, like 0.0.0.0",
});

/** The HTTP API for integrators, beside ingress on a port of its own. */
export const TOPICDESK_API_PORT = integerVariable("TOPICDESK_API_PORT", count(0, 65535), {
  expects: "a TCP port from 0 to 65535",
});

/** The built-in Telegram simulator of the demo (`pnpm start` without a bot token). */
export const TOPICDESK_SIM_PORT = integerVariable("TOPICDESK_SIM_PORT", count(0, 65535), {
  expects: "a TCP port from 0 to 65535",
});

/** /healthz, /readyz and /metrics of every process (Prometheus' registered port by default). */
export const TOPICDESK_OPS_PORT = integerVariable("TOPICDESK_OPS_PORT", count(0, 65535), {
  expects: "a TCP port from 0 to 65535",
});

/** JetStream stream replicas: 1 on a single NATS server, 3 in a production cluster. */
export const TOPICDESK_STREAM_REPLICAS = integerVariable("TOPICDESK_STREAM_REPLICAS", count(1, 5), {
  expects: "an integer from 1 to 5 (at most the number of NATS servers)",
});

export const DATABASE_URL = stringVariable("DATABASE_URL", Type.String(), {
  expects: "a PostgreSQL URL like postgres://user@host:5432/topicdesk",
  refine: hasProtocol("postgres:", "postgresql:"),
  disclosure: "without-password",
});

export const NATS_URL = stringVariable("NATS_URL", Type.String(), {
  expects: "a NATS URL like nats://127.0.0.1:4222",
  refine: hasProtocol("nats:", "tls:"),
  disclosure: "without-password",
});

export const REDIS_URL = stringVariable("REDIS_URL", Type.String(), {
  expects: "a Redis URL like redis://127.0.0.1:6379",
  refine: hasProtocol("redis:", "rediss:"),
  disclosure: "without-password",
});

export const TOPICDESK_SECRET_KEY = stringVariable("TOPICDESK_SECRET_KEY", Type.String({ minLength: 32 }), {
  expects: "at least 32 characters (e.g. the output of `openssl rand -base64 48`)",
  disclosure: "length-only",
});

export const TOPICDESK_PARTITIONS = integerVariable("TOPICDESK_PARTITIONS", count(1, 256), {
  expects: "an integer from 1 to 256",
});

const limitExpects = "a non-negative integer (0 = unlimited)";

export const TOPICDESK_LIMIT_GROUP_PER_MINUTE = integerVariable(
  "TOPICDESK_LIMIT_GROUP_PER_MINUTE",
  count(0),
  {
    expects: limitExpects,
  },
);

export const TOPICDESK_LIMIT_CHAT_PER_SECOND = integerVariable("TOPICDESK_LIMIT_CHAT_PER_SECOND", count(0), {
  expects: limitExpects,
});

export const TOPICDESK_LIMIT_BOT_PER_SECOND = integerVariable("TOPICDESK_LIMIT_BOT_PER_SECOND", count(0), {
  expects: limitExpects,
});

/** Broadcasts (`/send`) per connection per minute, on top of Telegram's limits (the reference's 1,000). */
export const TOPICDESK_BROADCAST_PER_MINUTE = integerVariable("TOPICDESK_BROADCAST_PER_MINUTE", count(0), {
  expects: "a non-negative integer (0 = only Telegram's limits)",
});

export const TOPICDESK_ALBUM_DEBOUNCE_MS = integerVariable("TOPICDESK_ALBUM_DEBOUNCE_MS", count(0, 60_000), {
  expects: "a number of milliseconds from 0 to 60000",
});

/**
 * Delivery lanes (a BullMQ worker per active queue, one Redis connection and ~1.1 MB of peak RSS each) one
 * delivery process runs at most; queues beyond it wait in Redis for a free lane or another replica.
 */
export const TOPICDESK_DELIVERY_MAX_LANES = integerVariable(
  "TOPICDESK_DELIVERY_MAX_LANES",
  count(1, 100_000),
  { expects: "an integer from 1 to 100000" },
);

/** App credentials from my.telegram.org (API development tools) for MTProto: accounts, parallel bots. */
export const TELEGRAM_API_ID = integerVariable(
  "TELEGRAM_API_ID",
  Type.Integer({ minimum: 1, maximum: 999_999_999_999 }),
  { expects: "the numeric api_id from my.telegram.org" },
);

export const TELEGRAM_API_HASH = stringVariable(
  "TELEGRAM_API_HASH",
  Type.String({ pattern: "^[0-9a-fA-F]{32}$" }),
  {
    expects: "the 32-character api_hash from my.telegram.org",
    disclosure: "length-only",
  },
);

/** pino's levels. */
export const LogLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

export const LOG_LEVEL = stringVariable("LOG_LEVEL", Type.Enum(LogLevels), { expects: oneOf(LogLevels) });

export const OTEL_EXPORTER_OTLP_ENDPOINT = stringVariable("OTEL_EXPORTER_OTLP_ENDPOINT", Type.String(), {
  expects: "an http(s) URL of an OTLP collector like http://otel-collector:4318",
  refine: hasProtocol("http:", "https:"),
});
