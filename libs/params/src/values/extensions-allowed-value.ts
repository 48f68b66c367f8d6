import { type ParseResult, succeed } from "../parse-result.ts";
import { parseIdListValue } from "./id-list-value.ts";
import { isOffOrNone } from "./off-value.ts";

/**
 * Who may use the module commands (`/send`, `/mark`, `/export`) and receive hidden `/info`. The
 * administrator always may; this parameter extends that right, it never takes it away.
 */
export type ExtensionsAllowed =
  | { readonly kind: "everyone" }
  | { readonly kind: "listed"; readonly userIds: readonly number[] };

/** `.` means everyone in the backend group (the reference's "clear" value); OFF means the administrator only. */
export function parseExtensionsAllowedValue(raw: string): ParseResult<ExtensionsAllowed> {
  if (raw.trim() === ".") return succeed({ kind: "everyone" });
  if (isOffOrNone(raw)) return succeed({ kind: "listed", userIds: [] });
  const ids = parseIdListValue(raw, { usersOnly: true });
  return ids.ok ? succeed({ kind: "listed", userIds: ids.value }) : ids;
}
