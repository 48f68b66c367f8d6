import {
  ConnectionRepository,
  createSecretBox,
  createTestDatabase,
  MtprotoSessionRepository,
  SecretDecryptionError,
  type TestDatabase,
} from "@topicdesk/db";
import { createPostgresSessionStorage } from "../src/storage/postgres-session-storage.ts";

const box = createSecretBox("storage-test-key");
let database: TestDatabase;
let repository: MtprotoSessionRepository;

beforeAll(async () => {
  database = await createTestDatabase();
  await new ConnectionRepository(database.db).create(
    { id: "acct", kind: "account", title: "Account", backend_chat_id: -1001 },
    box,
  );
  repository = new MtprotoSessionRepository(database.db);
  await repository.ensure("acct", "user");
});

afterAll(async () => {
  await database.drop();
});

const storageFor = (beforeSave?: () => Promise<void>) =>
  createPostgresSessionStorage({
    connectionId: "acct",
    repository,
    box,
    ...(beforeSave ? { beforeSave } : {}),
  });

describe("the Postgres session storage", () => {
  it("keeps auth keys, update state and peers across a restart, sealed at rest", async () => {
    const storage = storageFor();
    await storage.driver.load?.();
    const authKey = new Uint8Array([1, 2, 3, 250]);
    await storage.authKeys.set(2, authKey);
    await storage.kv.set("updates.state", new Uint8Array([9, 9]));
    await storage.peers.store({
      id: 42,
      accessHash: "123",
      isMin: false,
      usernames: ["ann"],
      updated: 1,
      phone: "+4912345",
      complete: new Uint8Array([7]),
    });
    await storage.driver.save?.();

    const rows = await database.db.selectFrom("mtproto_session_entries").selectAll().execute();
    expect(rows.map((row) => row.namespace).sort()).toEqual(["auth", "kv", "peer"]);
    for (const row of rows) {
      expect(row.value_sealed.startsWith("v1:")).toBe(true);
      expect(row.value_sealed).not.toContain("+4912345");
      expect(row.value_sealed).not.toContain(Buffer.from(authKey).toString("base64"));
    }

    const restarted = storageFor();
    await restarted.driver.load?.();
    expect(await restarted.authKeys.get(2)).toEqual(authKey);
    expect(await restarted.kv.get("updates.state")).toEqual(new Uint8Array([9, 9]));
    expect((await restarted.peers.getByUsername("ann"))?.id).toBe(42);
    expect((await restarted.peers.getByPhone("+4912345"))?.complete).toEqual(new Uint8Array([7]));
  });

  it("writes auth keys at once but update state only on save, after the publishes it covers", async () => {
    let releasePublishes: () => void = () => undefined;
    const publishes = new Promise<void>((resolve) => {
      releasePublishes = resolve;
    });
    const storage = storageFor(() => publishes);
    await storage.driver.load?.();
    await storage.authKeys.set(4, new Uint8Array([4]));
    await storage.kv.set("updates.state", new Uint8Array([10]));
    const saving = storage.driver.save?.();
    const reader = storageFor();
    await reader.driver.load?.();
    expect(await reader.authKeys.get(4)).toEqual(new Uint8Array([4]));
    expect(await reader.kv.get("updates.state")).toEqual(new Uint8Array([9, 9]));
    releasePublishes();
    await saving;
    await reader.driver.load?.();
    expect(await reader.kv.get("updates.state")).toEqual(new Uint8Array([10]));
  });

  it("a session sealed under another key cannot be opened", async () => {
    const other = createPostgresSessionStorage({
      connectionId: "acct",
      repository,
      box: createSecretBox("another-key"),
    });
    await expect(other.driver.load?.()).rejects.toBeInstanceOf(SecretDecryptionError);
  });
});
