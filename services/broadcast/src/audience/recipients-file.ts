import { CsvError } from "csv-parse";
import { parse } from "csv-parse/sync";

/**
 * Reads the user ids of `/send file` (spec decision 10): a .txt or .csv with one id a line, or ids
 * in the first column. A header row is allowed when it names the id column (`user_id`, `id`,
 * `recipient` … so a broadcast report or an export can be fed back), and then that column is read.
 * Any bad line refuses the whole file: a broadcast to part of a list nobody checked is worse than
 * none.
 */
export type RecipientsFile = { ok: true; ids: number[] } | { ok: false; error: string };

/** Large enough for any client base we serve; each id becomes a row of the broadcast. */
export const MAX_FILE_IDS = 100_000;
const SHOWN_BAD_LINES = 3;
const ID = /^\d{1,15}$/;
const ID_HEADER = /^(user[ _-]?id|chat[ _-]?id|client[ _-]?id|id|recipient)$/i;

export function parseRecipientsFile(bytes: Uint8Array): RecipientsFile {
  const rows = readRows(bytes);
  if (!rows.ok) return rows;
  const column = idColumnOf(rows.rows[0]?.record ?? []);
  const body = column.header ? rows.rows.slice(1) : rows.rows;
  const ids = new Set<number>();
  const bad: string[] = [];
  for (const { record, line } of body) {
    const cell = record[column.index] ?? "";
    if (ID.test(cell) && Number(cell) > 0) ids.add(Number(cell));
    else bad.push(`line ${line}: “${cell.slice(0, 30)}” is not a user id`);
  }
  if (bad.length > 0) return { ok: false, error: badLinesError(bad) };
  if (ids.size === 0)
    return { ok: false, error: "The file has no user ids: one id a line, or ids in the first column." };
  if (ids.size > MAX_FILE_IDS) {
    return {
      ok: false,
      error: `The file has ${ids.size} user ids; a broadcast takes at most ${MAX_FILE_IDS}.`,
    };
  }
  return { ok: true, ids: [...ids] };
}

type Rows = { ok: true; rows: { record: string[]; line: number }[] } | { ok: false; error: string };

function readRows(bytes: Uint8Array): Rows {
  try {
    // With `info: true` each row comes with where it ended; csv-parse's types do not model that option.
    const rows = parse(Buffer.from(bytes), {
      bom: true,
      // Spreadsheet apps write commas, semicolons (where the comma is the decimal mark) or tabs.
      delimiter: [",", ";", "\t"],
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return { ok: true, rows: rows.map((row) => ({ record: row.record, line: row.info.lines })) };
  } catch (error) {
    if (error instanceof CsvError) {
      const line = "lines" in error && typeof error.lines === "number" ? ` (line ${error.lines})` : "";
      return { ok: false, error: `The file is not a readable list of ids${line}: save it as .txt or .csv.` };
    }
    throw error;
  }
}

/** The id column: the one a header row names, else the first. */
function idColumnOf(first: string[]): { index: number; header: boolean } {
  if (ID.test(first[0] ?? "")) return { index: 0, header: false };
  const named = first.findIndex((cell) => ID_HEADER.test(cell));
  return named < 0 ? { index: 0, header: false } : { index: named, header: true };
}

function badLinesError(bad: string[]): string {
  const more = bad.length > SHOWN_BAD_LINES ? ` (and ${bad.length - SHOWN_BAD_LINES} more bad lines)` : "";
  return `The file has lines that are not user ids — ${bad.slice(0, SHOWN_BAD_LINES).join("; ")}${more}. Fix them and send the file again.`;
}
