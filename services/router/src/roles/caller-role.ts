/**
 * Who may do what in the backend group (spec decision 8). Roles are ordered: an administrator may
 * do what an extension user may, who may do what an operator may.
 * - `admin`: the connection's administrator, or the group's owner on Telegram;
 * - `extension`: a user listed in EXTENSIONS_ALLOWED (everyone, with the value `.`);
 * - `operator`: any member of the backend group.
 */
export type Role = "admin" | "extension" | "operator";

const RANK: Record<Role, number> = { operator: 1, extension: 2, admin: 3 };

/** Telegram's ChatMember status of a user in the backend group. */
export type MemberStatus = "creator" | "administrator" | "member" | "restricted" | "left" | "kicked";

/** What Telegram says about a user in the backend group (one getChatMember answer). */
export interface MemberFacts {
  status: MemberStatus;
  /** Telegram's "Ban users" admin right (owners have every right). */
  canRestrictMembers: boolean;
}

/** The caller of a command, as the decisions see it. */
export type Caller =
  | { userId: number; role: Role | undefined; member: MemberFacts }
  /** Telegram could not be asked (network, outage): the command is refused, nothing changes. */
  | { userId: number; role: undefined; member: undefined; lookupFailed: true };

export interface RoleInput {
  userId: number;
  member: MemberFacts;
  connection: { adminUserId: number | null };
  /** EXTENSIONS_ALLOWED as parsed: `.` (everyone) or a list of user ids. */
  params: { extensionsEveryone: boolean; extensionsAllowed: ReadonlySet<number> };
}

/** The caller's role, or undefined for someone who is not (or no longer) in the backend group. */
export function roleOf({ userId, member, connection, params }: RoleInput): Role | undefined {
  if (userId === connection.adminUserId || member.status === "creator") return "admin";
  if (!isGroupMember(member.status)) return undefined;
  if (params.extensionsEveryone || params.extensionsAllowed.has(userId)) return "extension";
  return "operator";
}

export function hasRole(caller: Caller | undefined, needed: Role): boolean {
  return caller?.role !== undefined && RANK[caller.role] >= RANK[needed];
}

function isGroupMember(status: MemberStatus): boolean {
  return status === "creator" || status === "administrator" || status === "member" || status === "restricted";
}
