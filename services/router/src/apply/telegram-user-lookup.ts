import type { TelegramLookups, UserLookupAnswer } from "./telegram-lookup.ts";

/** `/new`: who the user (an id, or a username without `@`) is, as the connection can reach them. */
export type UserLookup = (connectionId: string, who: number | string) => Promise<UserLookupAnswer>;

/**
 * One read-only lookup per `/new` (docs/decisions.md §3): getChat for a bot connection, the
 * session's resolve for an account or a bot in parallel mode. A connection that cannot be asked at
 * all (no token, no session) answers "try again" like an outage, and nothing is opened.
 */
export function createUserLookup(lookups: TelegramLookups): UserLookup {
  return async (connectionId, who) => {
    let lookup: Awaited<ReturnType<TelegramLookups>>;
    try {
      lookup = await lookups(connectionId);
    } catch {
      return { kind: "lookup-failed" };
    }
    return await lookup.user(who);
  };
}
