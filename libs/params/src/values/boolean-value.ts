import { fail, gotValue, type ParseResult, succeed } from "../parse-result.ts";

const words = new Map<string, boolean>([
  ["TRUE", true],
  ["ON", true],
  ["YES", true],
  ["1", true],
  ["FALSE", false],
  ["OFF", false],
  ["NO", false],
  ["0", false],
]);

export const booleanSyntax = "TRUE or FALSE (also ON/OFF, YES/NO, 1/0)";

export function parseBooleanValue(raw: string): ParseResult<boolean> {
  const value = words.get(raw.trim().toUpperCase());
  return value === undefined ? fail(gotValue(raw)) : succeed(value);
}
