import type { FoundUser } from "../decide/new-dialog-facts.ts";
import type { MemberFacts } from "../roles/caller-role.ts";

/** Who a user is, as one connection can reach them. */
export type UserLookupAnswer =
  | { kind: "found"; user: FoundUser }
  /** Telegram does not let this connection see them (no such user, or not reachable from here). */
  | { kind: "unknown" }
  /** The Bot API cannot resolve users by username. */
  | { kind: "usernames-unsupported" }
  /** Telegram could not be asked just now. */
  | { kind: "lookup-failed" };

/**
 * The read-only questions the router asks Telegram for one connection (docs/decisions.md §3: the
 * router may ask, never send). Two implementations behind it: the Bot API with the connection's
 * token (`bot-api-lookup.ts`), or the connection's MTProto session (`mtproto-lookup.ts`: accounts
 * and bots in parallel mode, which have no token here).
 */
export interface TelegramLookup {
  /** A user's status and rights in a chat (the backend group). Throws when Telegram cannot be asked. */
  chatMember(chatId: number, userId: number): Promise<MemberFacts>;
  /** A user by id, or by username (without `@`). */
  user(who: number | string): Promise<UserLookupAnswer>;
}

/** Each connection's lookup: its bot's Bot API, or its MTProto session. */
export type TelegramLookups = (connectionId: string) => Promise<TelegramLookup>;
