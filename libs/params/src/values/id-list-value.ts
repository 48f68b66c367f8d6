import { readFlatList } from "../list-syntax/flat-list-reader.ts";
import { fail, type ParseResult, succeed } from "../parse-result.ts";

export interface IdListOptions {
  /** User ids are positive; chat ids of groups and channels are negative (`-100…`). */
  readonly usersOnly: boolean;
}

/** Ids quoted or bare, separated by commas or spaces: `777000, -1001234567890` or `"1" "2"`. Duplicates are dropped. */
export function parseIdListValue(raw: string, options: IdListOptions): ParseResult<readonly number[]> {
  const items = readFlatList(raw);
  if (!items.ok) return items;
  const ids: number[] = [];
  for (const item of items.value) {
    const id = /^-?[0-9]+$/.test(item.text) ? Number(item.text) : Number.NaN;
    const valid = Number.isSafeInteger(id) && (options.usersOnly ? id > 0 : id !== 0);
    if (!valid)
      return fail(
        `"${item.text}" (position ${item.position}) is not ${options.usersOnly ? "a user id" : "a chat id"}`,
      );
    if (!ids.includes(id)) ids.push(id);
  }
  return succeed(ids);
}
