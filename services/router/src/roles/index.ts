/** Roles in the backend group: the small API the commands (and other engineers' code) call. */
export {
  type Caller,
  hasRole,
  type MemberFacts,
  type MemberStatus,
  type Role,
  type RoleInput,
  roleOf,
} from "./caller-role.ts";
export { createMemberLookup, type MemberLookup, type MemberLookupOptions } from "./member-lookup.ts";
export { type RoleCheck, requireRole } from "./require-role.ts";
