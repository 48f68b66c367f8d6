import type { Migration, MigrationProvider } from "kysely/migration";
import * as initial from "./0001-initial.ts";

/**
 * Every migration, by name, in order. A static list rather than kysely's FileMigrationProvider:
 * it survives bundling and needs no file-system access at runtime.
 */
const migrations: Record<string, Migration> = {
  "0001-initial": initial,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
