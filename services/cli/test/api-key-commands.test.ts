import {
  ApiKeyRepository,
  ConnectionRepository,
  createSecretBox,
  createTestDatabase,
  type TestDatabase,
} from "@topicdesk/db";
import { CliError } from "../src/cli-error.ts";
import { createApiKey, listApiKeys, revokeApiKey } from "../src/commands/api-key-commands.ts";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await new ConnectionRepository(database.db).create(
    { id: "main", kind: "bot", title: "@bot", backend_chat_id: -1001 },
    createSecretBox("cli-test-secret-key-0123456789abcdef"),
  );
});
afterAll(async () => database.drop());

test("keys create prints the key once; the database keeps only its hash; revoke ends it", async () => {
  const output = await createApiKey(database.db, "main", { scopes: "read,write", label: "crm" });
  const key = output.split("\n")[1] ?? "";
  expect(key).toMatch(/^tdk_/);
  const repository = new ApiKeyRepository(database.db);
  const row = await repository.findActive(key);
  expect(row).toMatchObject({ connection_id: "main", scopes: ["read", "write"], label: "crm" });
  const stored = await database.db.selectFrom("api_keys").selectAll().execute();
  expect(JSON.stringify(stored)).not.toContain(key);
  expect(await listApiKeys(database.db, "main")).toContain("read,write\tcrm\tactive");
  await revokeApiKey(database.db, "main", String(row?.id));
  expect(await repository.findActive(key)).toBeUndefined();
});

test("wrong input is a one-line error and creates nothing", async () => {
  await expect(createApiKey(database.db, "main", { scopes: "root", label: "x" })).rejects.toThrow(CliError);
  await expect(createApiKey(database.db, "nope", { scopes: "read", label: "x" })).rejects.toThrow(
    "No connection nope",
  );
  await expect(
    createApiKey(database.db, undefined, { scopes: "read", label: "x", all: true }),
  ).rejects.toThrow("admin");
  await expect(revokeApiKey(database.db, "main", "abc")).rejects.toThrow(CliError);
  expect(await database.db.selectFrom("api_keys").selectAll().execute()).toHaveLength(1);
});

test("an installation-wide key is created with --all", async () => {
  const output = await createApiKey(database.db, undefined, { scopes: "admin", label: "ops", all: true });
  expect(output).toContain("the whole installation");
  expect(await listApiKeys(database.db, undefined)).toContain("admin\tops\tactive");
});
