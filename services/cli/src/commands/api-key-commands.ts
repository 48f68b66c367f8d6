import {
  API_SCOPES,
  ApiKeyRepository,
  type ApiScope,
  ConnectionRepository,
  type Database,
} from "@topicdesk/db";
import type { Kysely } from "kysely";
import { CliError } from "../cli-error.ts";

/** `keys create <connection> --scopes read,write [--label …]`, or `--all` for an installation-wide key. */
export async function createApiKey(
  db: Kysely<Database>,
  connectionId: string | undefined,
  options: { scopes: string; label: string; all?: boolean },
): Promise<string> {
  const scopes = parseScopes(options.scopes);
  if (options.all === true) {
    if (connectionId !== undefined) throw new CliError("Give a connection or --all, not both.");
    if (!scopes.includes("admin"))
      throw new CliError("An installation-wide key (--all) is an admin key: use --scopes admin.");
  } else {
    if (connectionId === undefined)
      throw new CliError("Name the connection (or use --all for an installation-wide key).");
    if (!(await new ConnectionRepository(db).get(connectionId)))
      throw new CliError(`No connection ${connectionId}.`);
  }
  const issued = await new ApiKeyRepository(db).issue({
    connectionId: connectionId ?? null,
    label: options.label,
    scopes,
  });
  return [
    `API key ${issued.row.id} (${scopes.join(", ")}) for ${connectionId ?? "the whole installation"}:`,
    issued.key,
    "Store it now: it is shown only once.",
  ].join("\n");
}

export async function listApiKeys(db: Kysely<Database>, connectionId: string | undefined): Promise<string> {
  const rows = await new ApiKeyRepository(db).list(connectionId ?? null);
  if (rows.length === 0)
    return "No API keys yet. Create one with: pnpm topicdesk keys create <connection> --scopes read";
  return rows
    .map((row) =>
      [
        row.id,
        `${row.key_prefix}…`,
        row.scopes.join(","),
        row.label,
        row.revoked_at ? "revoked" : "active",
      ].join("\t"),
    )
    .join("\n");
}

export async function revokeApiKey(
  db: Kysely<Database>,
  connectionId: string | undefined,
  id: string,
): Promise<string> {
  const keyId = Number(id);
  if (!Number.isSafeInteger(keyId) || keyId < 1)
    throw new CliError(`A key id is a positive number; got "${id}".`);
  if (!(await new ApiKeyRepository(db).revoke(connectionId ?? null, keyId))) {
    throw new CliError(`No live key ${keyId} for ${connectionId ?? "the whole installation"}.`);
  }
  return `API key ${keyId} revoked.`;
}

function parseScopes(raw: string): ApiScope[] {
  const scopes = raw
    .split(",")
    .map((scope) => scope.trim().toLowerCase())
    .filter(Boolean);
  const unknown = scopes.filter((scope) => !(API_SCOPES as readonly string[]).includes(scope));
  if (scopes.length === 0 || unknown.length > 0) {
    throw new CliError(`--scopes takes a comma-separated list of read, write, admin; got "${raw}".`);
  }
  return scopes as ApiScope[];
}
