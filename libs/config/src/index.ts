export type {
  BotConfig,
  Config,
  LimitsConfig,
  LogLevel,
  MtprotoCredentialsConfig,
  NodeEnv,
  UpdatesConfig,
} from "./config.ts";
export { ConfigError } from "./config-error.ts";
export { loadConfig } from "./load-config.ts";
