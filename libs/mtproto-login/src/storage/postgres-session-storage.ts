import type { ITelegramStorageProvider } from "@mtcute/node";
import type {
  MtprotoEntryNamespace,
  MtprotoSessionRepository,
  SecretBox,
  SessionEntryChange,
} from "@topicdesk/db";
import { peersRepository, referenceMessagesRepository } from "./session-peers.ts";

/** Storage of one connection's MTProto session for mtcute, kept in Postgres and sealed at rest. */
export interface PostgresSessionStorageOptions {
  connectionId: string;
  repository: MtprotoSessionRepository;
  box: SecretBox;
  /**
   * Awaited before buffered state is written. The session runner passes "every publish started so
   * far has been stored by JetStream", so the update state on disk never runs ahead of the events
   * published for it: a crash can replay updates (ids dedup them), never skip them.
   */
  beforeSave?: () => Promise<void>;
}

const entryKey = (namespace: MtprotoEntryNamespace, key: string) => `${namespace}\u0000${key}`;

/**
 * mtcute's storage provider over our `mtproto_session_entries`. Everything is held in memory after
 * `load`; auth keys are written at once (mtcute requires it), the rest (update state, peers) is
 * buffered and written when mtcute saves (every few seconds and on close).
 */
export function createPostgresSessionStorage(
  options: PostgresSessionStorageOptions,
): ITelegramStorageProvider {
  const entries = new Map<string, string>();
  let pending = new Map<string, SessionEntryChange>();
  const { repository, box, connectionId } = options;

  const put = (namespace: MtprotoEntryNamespace, key: string, value: string | null) => {
    const id = entryKey(namespace, key);
    if (value === null) entries.delete(id);
    else entries.set(id, value);
    pending.set(id, { namespace, key, value });
  };
  const get = (namespace: MtprotoEntryNamespace, key: string) => entries.get(entryKey(namespace, key));
  const writeNow = async (namespace: MtprotoEntryNamespace, key: string, value: string | null) => {
    put(namespace, key, value);
    pending.delete(entryKey(namespace, key));
    await repository.applyChanges(connectionId, [{ namespace, key, value }], box);
  };
  const flush = async () => {
    const snapshot = pending;
    pending = new Map();
    await options.beforeSave?.();
    try {
      await repository.applyChanges(connectionId, [...snapshot.values()], box);
    } catch (error) {
      // Keep what was not written; newer changes of the same entries win.
      for (const [id, change] of snapshot) if (!pending.has(id)) pending.set(id, change);
      throw error;
    }
  };
  const entriesOf = (namespace: MtprotoEntryNamespace) =>
    [...entries].flatMap(([id, value]) => {
      const [entryNamespace, key] = id.split("\u0000");
      return entryNamespace === namespace && key !== undefined ? [{ key, value }] : [];
    });

  return {
    driver: {
      load: async () => {
        entries.clear();
        for (const entry of await repository.loadEntries(connectionId, box)) {
          entries.set(entryKey(entry.namespace, entry.key), entry.value);
        }
      },
      save: flush,
      destroy: flush,
    },
    authKeys: {
      set: (dc, key) => writeNow("auth", String(dc), key === null ? null : toBase64(key)),
      get: (dc) => fromBase64(get("auth", String(dc))),
      setTemp: (dc, idx, key, expires) =>
        writeNow(
          "auth-temp",
          `${dc}:${idx}`,
          key === null ? null : JSON.stringify({ key: toBase64(key), expires }),
        ),
      getTemp: (dc, idx, now) => {
        const stored = get("auth-temp", `${dc}:${idx}`);
        if (stored === undefined) return null;
        const temp = JSON.parse(stored) as { key: string; expires: number };
        return now < temp.expires ? fromBase64(temp.key) : null;
      },
      deleteByDc: async (dc) => {
        const doomed = [
          ...entriesOf("auth").filter((entry) => entry.key === String(dc)),
          ...entriesOf("auth-temp").filter((entry) => entry.key.startsWith(`${dc}:`)),
        ];
        for (const entry of doomed) {
          await writeNow(entry.key.includes(":") ? "auth-temp" : "auth", entry.key, null);
        }
      },
      deleteAll: async () => {
        for (const entry of entriesOf("auth")) entries.delete(entryKey("auth", entry.key));
        for (const entry of entriesOf("auth-temp")) entries.delete(entryKey("auth-temp", entry.key));
        await repository.clearEntries(connectionId, ["auth", "auth-temp"]);
      },
    },
    kv: {
      set: (key, value) => put("kv", key, toBase64(value)),
      get: (key) => fromBase64(get("kv", key)),
      delete: (key) => put("kv", key, null),
      deleteAll: () => {
        for (const entry of entriesOf("kv")) put("kv", entry.key, null);
      },
    },
    peers: peersRepository({
      list: () => entriesOf("peer").map((entry) => entry.value),
      get: (id) => get("peer", String(id)),
      put: (id, value) => put("peer", String(id), value),
    }),
    refMessages: referenceMessagesRepository(),
  };
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64");
}

function fromBase64(value: string | undefined): Uint8Array | null {
  return value === undefined ? null : new Uint8Array(Buffer.from(value, "base64"));
}
