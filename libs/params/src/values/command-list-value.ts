import { readFlatList } from "../list-syntax/flat-list-reader.ts";
import { fail, type ParseResult, succeed } from "../parse-result.ts";

/** Telegram's rule for bot command names: 1 to 32 of a-z, 0-9 and `_`. */
const commandName = /^[a-z0-9_]{1,32}$/;

/**
 * Command names with or without the slash (`/crm, deal`). They are stored without the slash and in
 * lower case, the form the router compares a typed command against.
 */
export function parseCommandListValue(raw: string): ParseResult<readonly string[]> {
  const items = readFlatList(raw);
  if (!items.ok) return items;
  const commands: string[] = [];
  for (const item of items.value) {
    const name = item.text.replace(/^\//, "").toLowerCase();
    if (!commandName.test(name)) {
      return fail(
        `"${item.text}" (position ${item.position}) is not a command name (up to 32 letters a-z, digits or _)`,
      );
    }
    if (!commands.includes(name)) commands.push(name);
  }
  return succeed(commands);
}
