import { readFlatList } from "../list-syntax/flat-list-reader.ts";
import { fail, type ParseResult, succeed } from "../parse-result.ts";

/** A list of named options, e.g. `"name", "link"`; case-insensitive, duplicates dropped, order kept. */
export function parseChoiceListValue<const Choice extends string>(
  raw: string,
  choices: readonly Choice[],
): ParseResult<readonly Choice[]> {
  const items = readFlatList(raw);
  if (!items.ok) return items;
  const chosen: Choice[] = [];
  for (const item of items.value) {
    const choice = choices.find((candidate) => candidate === item.text.toLowerCase());
    if (choice === undefined) {
      return fail(
        `"${item.text}" (position ${item.position}) is not one of ${choices.map((c) => `"${c}"`).join(", ")}`,
      );
    }
    if (!chosen.includes(choice)) chosen.push(choice);
  }
  return succeed(chosen);
}
