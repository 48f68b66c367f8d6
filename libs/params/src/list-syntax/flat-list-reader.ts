import { fail, type ParseResult, succeed } from "../parse-result.ts";
import { type ListToken, tokenizeList } from "./list-tokenizer.ts";

/** One item of a flat list, with where it starts so a bad item can be pointed at. */
export interface ListItem {
  readonly text: string;
  readonly position: number;
}

/**
 * Reads a flat list (ids, option names, commands): items quoted or bare, separated by commas or
 * just spaces, because people paste ids from many places. A doubled, leading or trailing comma is
 * still an error: it usually means an item was lost while editing.
 */
export function readFlatList(input: string): ParseResult<readonly ListItem[]> {
  const tokens = tokenizeList(input);
  if (!tokens.ok) return tokens;
  const items: ListItem[] = [];
  let previous: ListToken | undefined;
  for (const token of tokens.value) {
    const problem = flatListProblem(token, previous);
    if (problem !== undefined) return fail(problem);
    if (token.kind === "quoted" || token.kind === "bare") items.push(itemOf(token));
    previous = token;
  }
  if (previous?.kind === "comma") return fail(`nothing follows the comma at position ${previous.position}`);
  if (items.length === 0) return fail("got an empty list");
  return succeed(items);
}

function flatListProblem(token: ListToken, previous: ListToken | undefined): string | undefined {
  switch (token.kind) {
    case "open":
    case "close":
      return `"${token.kind === "open" ? "[" : "]"}" at position ${token.position} is not allowed here (brackets group keywords only)`;
    case "comma":
      return previous === undefined || previous.kind === "comma"
        ? `nothing comes before the comma at position ${token.position}`
        : undefined;
    case "quoted":
      return token.text.trim() === "" ? `the item at position ${token.position} is empty` : undefined;
    case "bare":
      return undefined;
  }
}

function itemOf(token: ListToken & { kind: "quoted" | "bare" }): ListItem {
  return { text: token.text.trim(), position: token.position };
}
