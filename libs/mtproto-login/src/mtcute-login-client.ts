import { type ITelegramStorageProvider, TelegramClient, type User } from "@mtcute/node";
import type { LoginClient, LoginIdentity } from "./login-client.ts";

export interface MtcuteLoginClientOptions {
  apiId: number;
  apiHash: string;
  /** The session's storage (`createPostgresSessionStorage`): the auth key lands there at once. */
  storage: ITelegramStorageProvider;
}

/**
 * The login client over mtcute, for Telegram itself. Updates stay off: a session being logged in
 * is run by the mtproto service afterwards, under its lease.
 */
export function createMtcuteLoginClient(options: MtcuteLoginClientOptions): LoginClient {
  const client = new TelegramClient({
    apiId: options.apiId,
    apiHash: options.apiHash,
    storage: options.storage,
    disableUpdates: true,
  });
  return {
    async sendCode(phone) {
      const sent = await client.sendCode({ phone });
      if (!("phoneCodeHash" in sent)) return identityOf(sent);
      return {
        kind: "code",
        phoneCodeHash: sent.phoneCodeHash,
        delivery: sent.type,
        length: sent.length,
        timeoutSeconds: sent.timeout,
      };
    },
    signIn: async (input) => identityOf(await client.signIn(input)),
    passwordHint: () => client.getPasswordHint(),
    checkPassword: async (password) => identityOf(await client.checkPassword(password)),
    signInBot: async (token) => identityOf(await client.signInBot(token)),
    async logOut() {
      await client.logOut();
    },
    async close() {
      await client.destroy();
    },
  };
}

function identityOf(user: User): LoginIdentity {
  return {
    kind: "identity",
    id: user.id,
    isBot: user.isBot,
    name: user.displayName,
    username: user.username,
  };
}
