import type { ITelegramStorageProvider } from "@mtcute/node";
import {
  ConnectionRepository,
  type DbExecutor,
  MtprotoSessionRepository,
  type NewConnection,
  type SecretBox,
} from "@topicdesk/db";
import type { LoginClient, LoginIdentity } from "./login-client.ts";
import { createPostgresSessionStorage } from "./storage/postgres-session-storage.ts";

export interface OpenSessionLoginOptions {
  db: DbExecutor;
  secretBox: SecretBox;
  connectionId: string;
  /** An account ("user") or a bot in parallel mode ("bot"). */
  mode: "user" | "bot";
  /** The connection to create first; omitted when it exists already (a new login for it). */
  newConnection?: Omit<NewConnection, "id"> | undefined;
  /** The MTProto client over the session's sealed storage (mtcute, or a fake in tests). */
  createClient(storage: ITelegramStorageProvider): LoginClient;
}

/**
 * A login in progress with what it created. Run the flow on `client` (`AccountLogin`, `loginBot`),
 * then `complete` it with the identity Telegram answered, or `abandon` it.
 */
export interface SessionLogin {
  readonly connectionId: string;
  readonly client: LoginClient;
  /**
   * Closes the client, which saves the rest of its storage (peers, settings) before the mtproto
   * service may start the session, then marks the session authorized. Announcing the connection
   * (`@topicdesk/connections`) is the caller's: it may have more to write first.
   */
  complete(identity: LoginIdentity): Promise<void>;
  /**
   * Closes the client and removes what this login created: the session row with its storage if it
   * was new, the connection if it was new. A client that does not close is reported to
   * `onCloseError` (nothing is left to save) and the rows still go.
   */
  abandon(onCloseError?: (error: unknown) => void): Promise<void>;
}

/**
 * What every MTProto login needs before its first step (CLI `accounts login|add-bot`, the setup
 * bot's "Connect an account", the HTTP API's logins): the connection if new, its session row (whose
 * sealed storage receives the auth key) and a client over that storage. A login that does not
 * finish leaves nothing behind that it created.
 */
export async function openSessionLogin(options: OpenSessionLoginOptions): Promise<SessionLogin> {
  const { db, secretBox, connectionId, newConnection } = options;
  const connections = new ConnectionRepository(db);
  const sessions = new MtprotoSessionRepository(db);
  if (newConnection) await connections.create({ ...newConnection, id: connectionId }, secretBox);
  const sessionIsNew = (await sessions.get(connectionId)) === undefined;
  await sessions.ensure(connectionId, options.mode);
  const storage = createPostgresSessionStorage({ connectionId, repository: sessions, box: secretBox });
  const client = options.createClient(storage);
  return {
    connectionId,
    client,
    async complete(identity) {
      await client.close();
      await sessions.markAuthorized(connectionId, identity.id);
    },
    async abandon(onCloseError) {
      await client.close().catch((error: unknown) => onCloseError?.(error));
      if (sessionIsNew) await sessions.remove(connectionId);
      if (newConnection) await connections.remove(connectionId);
    },
  };
}
