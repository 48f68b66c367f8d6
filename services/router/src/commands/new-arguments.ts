import { CONNECTION_ID_PATTERN } from "@topicdesk/contracts";

/** Whom `/new` opens a dialog with: a Telegram user id, or a username (without the `@`). */
export type NewDialogWho = { kind: "id"; userId: number } | { kind: "username"; username: string };

export type NewArguments =
  | { ok: true; who: NewDialogWho; connectionId?: string }
  | { ok: false; error: string };

export const NEW_USAGE =
  "Usage: /new USER_ID or /new @username, in the General topic; add i<connection> when several connections share this group.";

/** Telegram usernames: 5 to 32 letters, digits and underscores, starting with a letter. */
const USERNAME = /^@?([A-Za-z][A-Za-z0-9_]{3,31})$/;
const USER_ID = /^[1-9][0-9]{0,15}$/;

/**
 * `/new 12345`, `/new @jane`, `/new jane i<connection>` (the reference's suffix for groups several
 * connections share). Only users: a group or channel cannot be written to first.
 */
export function parseNewArguments(args: string): NewArguments {
  const [target, suffix, ...rest] = args.split(/\s+/).filter((token) => token.length > 0);
  if (target === undefined || rest.length > 0) return { ok: false, error: NEW_USAGE };
  const who = parseWho(target);
  if (!who)
    return { ok: false, error: `“${target.slice(0, 40)}” is neither a user id nor a username. ${NEW_USAGE}` };
  if (suffix === undefined) return { ok: true, who };
  const connectionId = suffix.startsWith("i") ? suffix.slice(1) : "";
  if (!CONNECTION_ID_PATTERN.test(connectionId)) {
    return {
      ok: false,
      error: `“${suffix.slice(0, 40)}” is not a connection (write i<connection id>). ${NEW_USAGE}`,
    };
  }
  return { ok: true, who, connectionId };
}

function parseWho(token: string): NewDialogWho | undefined {
  if (USER_ID.test(token)) {
    const userId = Number(token);
    return Number.isSafeInteger(userId) ? { kind: "id", userId } : undefined;
  }
  const username = token.match(USERNAME)?.[1];
  return username === undefined ? undefined : { kind: "username", username };
}
