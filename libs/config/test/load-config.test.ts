import { ConfigError, loadConfig } from "@topicdesk/config";

const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_";
const SECRET_KEY = "s3cr3t-k3y-that-is-long-enough-0123456789";
const SETUP_TOKEN = "987654321:AAsetupBotSecretPartAbcdefghijklmnop";
const API_HASH = "0123456789abcdef0123456789abcdef";

/** The message of the ConfigError that loading `env` throws (fails the test if none is thrown). */
function configErrorOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(Object.keys(env))}`);
}

describe("loadConfig defaults", () => {
  test("an empty environment yields a working development configuration", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: "development",
      telegramApiRoot: "https://api.telegram.org",
      bot: undefined,
      connectionId: "main",
      updates: { mode: "polling", publicUrl: undefined },
      http: { host: "0.0.0.0", port: 8080 },
      apiPort: 8082,
      simPort: 8081,
      setupBotToken: undefined,
      mtproto: undefined,
      databaseUrl: "postgres://postgres@127.0.0.1:5432/topicdesk",
      natsUrl: "nats://127.0.0.1:4222",
      redisUrl: "redis://127.0.0.1:6379",
      partitions: 8,
      limits: { groupPerMinute: 20, chatPerSecond: 1, botPerSecond: 30 },
      broadcastPerMinute: 1000,
      albumDebounceMs: 1000,
      deliveryMaxLanes: 200,
      logLevel: "info",
      otlpEndpoint: undefined,
    });
  });

  test("without a secret key development gets a random throwaway key and a loud warning", () => {
    const first = loadConfig({});
    const second = loadConfig({});
    expect(first.secretKey.length).toBeGreaterThanOrEqual(32);
    expect(first.secretKey).not.toBe(second.secretKey);
    expect(first.warnings).toHaveLength(1);
    expect(first.warnings[0]).toMatch(/TOPICDESK_SECRET_KEY is not set: using a random throwaway key/);
  });

  test("empty values count as unset, as compose files write them", () => {
    expect(loadConfig({ TOPICDESK_PARTITIONS: "", NATS_URL: "  " })).toMatchObject({
      partitions: 8,
      natsUrl: "nats://127.0.0.1:4222",
    });
  });
});

describe("loadConfig with values", () => {
  test("every variable is read into its typed place", () => {
    const config = loadConfig({
      NODE_ENV: "production",
      TELEGRAM_API_ROOT: "http://127.0.0.1:8081/",
      TOPICDESK_BOT_TOKEN: TOKEN,
      TOPICDESK_BACKEND_CHAT_ID: "-1001234567890",
      TOPICDESK_CONNECTION_ID: "acme-support",
      TOPICDESK_UPDATES: "webhook",
      TOPICDESK_PUBLIC_URL: "https://desk.example.com",
      TOPICDESK_HTTP_PORT: "3000",
      TOPICDESK_HTTP_HOST: "127.0.0.1",
      TOPICDESK_API_PORT: "3001",
      TOPICDESK_SIM_PORT: "3002",
      TOPICDESK_OPS_PORT: "9000",
      TOPICDESK_STREAM_REPLICAS: "3",
      TOPICDESK_SETUP_BOT_TOKEN: SETUP_TOKEN,
      TELEGRAM_API_ID: "12345",
      TELEGRAM_API_HASH: API_HASH,
      DATABASE_URL: "postgresql://td:pw@db:5432/td",
      NATS_URL: "nats://nats:4222",
      REDIS_URL: "rediss://redis:6380",
      TOPICDESK_SECRET_KEY: SECRET_KEY,
      TOPICDESK_PARTITIONS: "32",
      TOPICDESK_LIMIT_GROUP_PER_MINUTE: "0",
      TOPICDESK_LIMIT_CHAT_PER_SECOND: "0",
      TOPICDESK_LIMIT_BOT_PER_SECOND: "0",
      TOPICDESK_BROADCAST_PER_MINUTE: "120",
      TOPICDESK_ALBUM_DEBOUNCE_MS: "250",
      TOPICDESK_DELIVERY_MAX_LANES: "64",
      LOG_LEVEL: "debug",
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://otel-collector:4318",
    });
    expect(config).toEqual({
      nodeEnv: "production",
      telegramApiRoot: "http://127.0.0.1:8081",
      bot: { token: TOKEN, backendChatId: -1001234567890 },
      connectionId: "acme-support",
      updates: { mode: "webhook", publicUrl: "https://desk.example.com" },
      http: { host: "127.0.0.1", port: 3000 },
      apiPort: 3001,
      simPort: 3002,
      opsPort: 9000,
      streamReplicas: 3,
      setupBotToken: SETUP_TOKEN,
      mtproto: { apiId: 12345, apiHash: API_HASH },
      databaseUrl: "postgresql://td:pw@db:5432/td",
      natsUrl: "nats://nats:4222",
      redisUrl: "rediss://redis:6380",
      secretKey: SECRET_KEY,
      partitions: 32,
      limits: { groupPerMinute: 0, chatPerSecond: 0, botPerSecond: 0 },
      broadcastPerMinute: 120,
      albumDebounceMs: 250,
      deliveryMaxLanes: 64,
      logLevel: "debug",
      otlpEndpoint: "http://otel-collector:4318",
      warnings: [],
    });
  });

  test("a webhook on plain http is accepted for localhost (the simulator)", () => {
    const config = loadConfig({
      TOPICDESK_UPDATES: "webhook",
      TOPICDESK_PUBLIC_URL: "http://localhost:8080",
    });
    expect(config.updates).toEqual({ mode: "webhook", publicUrl: "http://localhost:8080" });
  });
});

describe("loadConfig errors name the variable and what it expects", () => {
  test.each<[string, Record<string, string>, string | RegExp]>([
    [
      "a backend chat id that is not a number",
      { TOPICDESK_BOT_TOKEN: TOKEN, TOPICDESK_BACKEND_CHAT_ID: "abc" },
      'TOPICDESK_BACKEND_CHAT_ID must be a negative integer chat id like -1001234567890; got "abc"',
    ],
    [
      "a positive backend chat id (a private chat has no topics)",
      { TOPICDESK_BOT_TOKEN: TOKEN, TOPICDESK_BACKEND_CHAT_ID: "1234567" },
      'TOPICDESK_BACKEND_CHAT_ID must be a negative integer chat id like -1001234567890; got "1234567"',
    ],
    [
      "an unknown NODE_ENV",
      { NODE_ENV: "staging" },
      'NODE_ENV must be one of "development", "production", "test"; got "staging"',
    ],
    [
      "an API root that is not a URL",
      { TELEGRAM_API_ROOT: "api.telegram.org" },
      /^TELEGRAM_API_ROOT must be an http\(s\) URL/,
    ],
    [
      "a connection id with capitals and underscores",
      { TOPICDESK_CONNECTION_ID: "Main_1" },
      'TOPICDESK_CONNECTION_ID must be 1 to 40 lowercase letters, digits or dashes, starting with a letter or digit; got "Main_1"',
    ],
    [
      "an unknown updates mode",
      { TOPICDESK_UPDATES: "push" },
      'TOPICDESK_UPDATES must be one of "webhook", "polling"; got "push"',
    ],
    [
      "a public webhook URL on plain http",
      { TOPICDESK_UPDATES: "webhook", TOPICDESK_PUBLIC_URL: "http://desk.example.com" },
      /^TOPICDESK_PUBLIC_URL must be an https URL \(http only for localhost\).*; got "http:\/\/desk.example.com"$/,
    ],
    [
      "a port above 65535",
      { TOPICDESK_HTTP_PORT: "70000" },
      'TOPICDESK_HTTP_PORT must be a TCP port from 0 to 65535; got "70000"',
    ],
    [
      "a database URL of another database",
      { DATABASE_URL: "mysql://db/td" },
      /^DATABASE_URL must be a PostgreSQL URL .*; got "mysql:\/\/db\/td"$/,
    ],
    ["a NATS address without a scheme", { NATS_URL: "127.0.0.1:4222" }, /^NATS_URL must be a NATS URL/],
    ["a Redis URL with the wrong scheme", { REDIS_URL: "http://redis" }, /^REDIS_URL must be a Redis URL/],
    [
      "zero partitions",
      { TOPICDESK_PARTITIONS: "0" },
      'TOPICDESK_PARTITIONS must be an integer from 1 to 256; got "0"',
    ],
    [
      "too many partitions",
      { TOPICDESK_PARTITIONS: "257" },
      'TOPICDESK_PARTITIONS must be an integer from 1 to 256; got "257"',
    ],
    [
      "a fractional partition count",
      { TOPICDESK_PARTITIONS: "8.5" },
      'TOPICDESK_PARTITIONS must be an integer from 1 to 256; got "8.5"',
    ],
    [
      "a hexadecimal partition count",
      { TOPICDESK_PARTITIONS: "0x10" },
      'TOPICDESK_PARTITIONS must be an integer from 1 to 256; got "0x10"',
    ],
    [
      "a negative group limit",
      { TOPICDESK_LIMIT_GROUP_PER_MINUTE: "-1" },
      'TOPICDESK_LIMIT_GROUP_PER_MINUTE must be a non-negative integer (0 = unlimited); got "-1"',
    ],
    [
      "a chat limit that is a word",
      { TOPICDESK_LIMIT_CHAT_PER_SECOND: "fast" },
      'TOPICDESK_LIMIT_CHAT_PER_SECOND must be a non-negative integer (0 = unlimited); got "fast"',
    ],
    [
      "a fractional bot limit",
      { TOPICDESK_LIMIT_BOT_PER_SECOND: "1.5" },
      'TOPICDESK_LIMIT_BOT_PER_SECOND must be a non-negative integer (0 = unlimited); got "1.5"',
    ],
    [
      "an API port above 65535",
      { TOPICDESK_API_PORT: "65536" },
      'TOPICDESK_API_PORT must be a TCP port from 0 to 65535; got "65536"',
    ],
    [
      "a negative broadcast rate",
      { TOPICDESK_BROADCAST_PER_MINUTE: "-5" },
      `TOPICDESK_BROADCAST_PER_MINUTE must be a non-negative integer (0 = only Telegram's limits); got "-5"`,
    ],
    [
      "an api_id that is not a number",
      { TELEGRAM_API_ID: "my-app", TELEGRAM_API_HASH: API_HASH },
      'TELEGRAM_API_ID must be the numeric api_id from my.telegram.org; got "my-app"',
    ],
    [
      "an api_hash of the wrong length",
      { TELEGRAM_API_ID: "12345", TELEGRAM_API_HASH: "abc123" },
      "TELEGRAM_API_HASH must be the 32-character api_hash from my.telegram.org; got a value of 6 characters",
    ],
    [
      "an album debounce above a minute",
      { TOPICDESK_ALBUM_DEBOUNCE_MS: "61000" },
      'TOPICDESK_ALBUM_DEBOUNCE_MS must be a number of milliseconds from 0 to 60000; got "61000"',
    ],
    [
      "no delivery lanes at all",
      { TOPICDESK_DELIVERY_MAX_LANES: "0" },
      'TOPICDESK_DELIVERY_MAX_LANES must be an integer from 1 to 100000; got "0"',
    ],
    [
      "a log level pino does not know",
      { LOG_LEVEL: "verbose" },
      /^LOG_LEVEL must be one of "fatal", "error", "warn", "info", .*; got "verbose"$/,
    ],
    [
      "an OTLP endpoint without a scheme",
      { OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" },
      /^OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\) URL/,
    ],
  ])("%s is refused with one clear line", (_label, env, expected) => {
    const message = configErrorOf(env);
    expect(message).not.toContain("\n");
    if (typeof expected === "string") expect(message).toBe(expected);
    else expect(message).toMatch(expected);
  });

  test("the error carries the variable's name for programs that react to it", () => {
    expect(() => loadConfig({ TOPICDESK_PARTITIONS: "x" })).toThrow(
      expect.objectContaining({ name: "ConfigError", variable: "TOPICDESK_PARTITIONS" }),
    );
  });

  test("webhook mode requires a public URL", () => {
    expect(configErrorOf({ TOPICDESK_UPDATES: "webhook" })).toMatch(
      /^TOPICDESK_PUBLIC_URL is required when TOPICDESK_UPDATES=webhook: an https URL/,
    );
  });
});

describe("bot token and backend chat id come together", () => {
  test("a token without a backend chat id is refused", () => {
    expect(configErrorOf({ TOPICDESK_BOT_TOKEN: TOKEN })).toMatch(
      /^TOPICDESK_BACKEND_CHAT_ID is required when TOPICDESK_BOT_TOKEN is set: a negative integer chat id/,
    );
  });

  test("a backend chat id without a token is refused", () => {
    expect(configErrorOf({ TOPICDESK_BACKEND_CHAT_ID: "-1001234567890" })).toMatch(
      /^TOPICDESK_BOT_TOKEN is required when TOPICDESK_BACKEND_CHAT_ID is set: a bot token/,
    );
  });

  test("neither is fine: the install has no bot from the environment", () => {
    expect(loadConfig({}).bot).toBeUndefined();
  });
});

describe("MTProto credentials come together", () => {
  test("an api_id without its api_hash is refused", () => {
    expect(configErrorOf({ TELEGRAM_API_ID: "12345" })).toBe(
      "TELEGRAM_API_HASH is required when TELEGRAM_API_ID is set: the 32-character api_hash from my.telegram.org",
    );
  });

  test("an api_hash without its api_id is refused", () => {
    expect(configErrorOf({ TELEGRAM_API_HASH: API_HASH })).toMatch(
      /^TELEGRAM_API_ID is required when TELEGRAM_API_HASH is set: the numeric api_id/,
    );
  });
});

describe("secrets", () => {
  test("production refuses to start without a secret key", () => {
    expect(configErrorOf({ NODE_ENV: "production" })).toMatch(
      /^TOPICDESK_SECRET_KEY is required when NODE_ENV=production: at least 32 characters/,
    );
  });

  test("a short secret key is refused in every environment and reported by length only", () => {
    const message = configErrorOf({ NODE_ENV: "development", TOPICDESK_SECRET_KEY: "hunter2-hunter2" });
    expect(message).toBe(
      "TOPICDESK_SECRET_KEY must be at least 32 characters (e.g. the output of `openssl rand -base64 48`); " +
        "got a value of 15 characters",
    );
    expect(message).not.toContain("hunter2");
  });

  test("a malformed bot token never appears in the message", () => {
    const badToken = "123456789:tooShortButStillSecret";
    const message = configErrorOf({ TOPICDESK_BOT_TOKEN: badToken, TOPICDESK_BACKEND_CHAT_ID: "-100123" });
    expect(message).toMatch(/^TOPICDESK_BOT_TOKEN must be a bot token .*; got a value of 32 characters$/);
    expect(message).not.toContain("tooShortButStillSecret");
  });

  test("a valid token and key never appear in messages about other variables", () => {
    const message = configErrorOf({
      TOPICDESK_BOT_TOKEN: TOKEN,
      TOPICDESK_BACKEND_CHAT_ID: "-100123",
      TOPICDESK_SECRET_KEY: SECRET_KEY,
      TOPICDESK_PARTITIONS: "many",
    });
    expect(message).not.toContain(TOKEN.split(":")[1]);
    expect(message).not.toContain(SECRET_KEY);
  });

  test("a malformed setup bot token is reported by length only", () => {
    const message = configErrorOf({ TOPICDESK_SETUP_BOT_TOKEN: "42:setupSecretTooShort" });
    expect(message).toBe(
      "TOPICDESK_SETUP_BOT_TOKEN must be a bot token like 123456789:AA… (digits, a colon, 35+ characters); " +
        "got a value of 22 characters",
    );
    expect(message).not.toContain("setupSecretTooShort");
  });

  test("passwords in service URLs are masked in messages", () => {
    const message = configErrorOf({ DATABASE_URL: "mysql://td:pa55word@db/td" });
    expect(message).toMatch(/got "mysql:\/\/td:\*\*\*@db\/td"$/);
    expect(message).not.toContain("pa55word");
  });
});
