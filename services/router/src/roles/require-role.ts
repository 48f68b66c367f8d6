import type { MessageInfo } from "@topicdesk/contracts";
import type { Decision } from "../decide/decision.ts";
import type { DialogState } from "../decide/event-context.ts";
import { replyNotice } from "../decide/reply-notice.ts";
import { type Caller, hasRole, type Role } from "./caller-role.ts";

export interface RoleCheck {
  caller: Caller | undefined;
  message: MessageInfo;
  dialog: DialogState | undefined;
}

/**
 * Undefined when the caller has the role; otherwise a short answer saying why the command was
 * refused (the refusal changes nothing). `what` names the command as the operator typed it.
 */
export function requireRole(check: RoleCheck, needed: Role, what: string): Decision | undefined {
  if (hasRole(check.caller, needed)) return undefined;
  return replyNotice(check.message, refusalText(check.caller, needed, what), check.dialog);
}

function refusalText(caller: Caller | undefined, needed: Role, what: string): string {
  if (caller && "lookupFailed" in caller) {
    return `⚠️ ${what}: could not check your rights in this group just now. Try again in a minute.`;
  }
  if (caller?.role === undefined) return `⛔ ${what} is for members of this group.`;
  return needed === "admin"
    ? `⛔ ${what} is for the connection's administrator.`
    : `⛔ ${what} is for the administrator and the users in EXTENSIONS_ALLOWED.`;
}
