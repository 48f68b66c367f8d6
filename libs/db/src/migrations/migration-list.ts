import type { Migration, MigrationProvider } from "kysely/migration";
import * as initial from "./0001-initial.ts";
import * as modules from "./0002-modules.ts";
import * as broadcasts from "./0003-broadcasts.ts";
import * as apiKeys from "./0004-api-keys.ts";
import * as accounts from "./0005-accounts.ts";
import * as webhooks from "./0006-webhooks.ts";
import * as relay from "./0007-relay.ts";
import * as analyticsIndexes from "./0008-analytics-indexes.ts";
import * as mtprotoSentMessages from "./0009-mtproto-sent-messages.ts";
import * as webhookRegistrations from "./0010-webhook-registrations.ts";

/**
 * Every migration, by name, in order. A static list rather than kysely's FileMigrationProvider:
 * it survives bundling and needs no file-system access at runtime.
 */
const migrations: Record<string, Migration> = {
  "0001-initial": initial,
  "0002-modules": modules,
  "0003-broadcasts": broadcasts,
  "0004-api-keys": apiKeys,
  "0005-accounts": accounts,
  "0006-webhooks": webhooks,
  "0007-relay": relay,
  "0008-analytics-indexes": analyticsIndexes,
  "0009-mtproto-sent-messages": mtprotoSentMessages,
  "0010-webhook-registrations": webhookRegistrations,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
