import { fail, gotValue, type ParseResult, succeed } from "../parse-result.ts";
import { isOff } from "./off-value.ts";

/**
 * Hours until an answered dialog closes itself; `null` means never. 0 and OFF both mean never, so
 * the router cannot mistake 0 for "close at once". Very large numbers (the reference suggests
 * 1000000) are kept as they are: they simply never come due.
 */
export function parseHoursValue(raw: string): ParseResult<number | null> {
  const trimmed = raw.trim();
  if (isOff(trimmed)) return succeed(null);
  if (!/^[0-9]+$/.test(trimmed)) return fail(gotValue(raw));
  const hours = Number(trimmed);
  if (!Number.isSafeInteger(hours)) return fail(`${gotValue(raw)}, which is too large`);
  return succeed(hours === 0 ? null : hours);
}
