import type { DialogStatus } from "@topicdesk/contracts";

/** A Telegram user as `/new` found them (Bot API getChat of a private chat, or the session's resolve). */
export interface FoundUser {
  id: number;
  firstName: string | null;
  lastName: string | null;
  username: string | null;
}

/** What the router found out about the user a `/new` command names. */
export type NewDialogTarget =
  /** The connection already has a dialog with them: no second one. */
  | { kind: "existing"; clientChatId: number; topicId: number | null; status: DialogStatus }
  /** Telegram knows them and lets the connection reach them (a bot: the chat; an account: the user). */
  | { kind: "found"; user: FoundUser }
  /** A bot connection: Telegram has no chat between the bot and this user (never started it, or no such user). */
  | { kind: "not-reachable"; userId: number }
  /** A bot connection: a username that is not one of our clients (the Bot API cannot resolve users). */
  | { kind: "unknown-username"; username: string }
  /** An account connection: the session cannot resolve this id (never met them, or no such user). */
  | { kind: "account-unreachable"; userId: number }
  /** Resolved through a session: Telegram has no user with this username. */
  | { kind: "no-such-username"; username: string }
  /** Telegram could not be asked just now. */
  | { kind: "lookup-failed" };

/** Loaded only for `/new`: who shares the backend group, and the target when this connection acts. */
export interface NewDialogFacts {
  /** Ids of every connection whose backend group this is, sorted: the first answers group-wide. */
  groupConnections: string[];
  /** Undefined when this connection is not the one to act (or the arguments are wrong). */
  target?: NewDialogTarget;
}
