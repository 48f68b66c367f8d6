import { DialogStatus } from "@topicdesk/contracts";
import { PERIOD_SYNTAX, parsePeriod, type ReportPeriod } from "../period/report-period.ts";

/**
 * `/export [label:<x>] [status:<s>] [period]`: which client dialogs go into the file. A period
 * keeps dialogs whose contact overlaps it (first contact before its end, last contact after its
 * start). Every filter is optional; each may appear once.
 */
export interface ExportFilter {
  label?: string;
  status?: DialogStatus;
  period?: ReportPeriod;
}

export type ExportFilterResult = { ok: true; filter: ExportFilter } | { ok: false; error: string };

/** The words people use for a status, besides the stored names. */
const STATUS_WORDS: Record<string, DialogStatus> = {
  user_answered: DialogStatus.UserAnswered,
  support_answered: DialogStatus.SupportAnswered,
  closed: DialogStatus.Closed,
  open: DialogStatus.UserAnswered,
  waiting: DialogStatus.SupportAnswered,
};

export const EXPORT_SYNTAX = `/export [label:<name>] [status:user_answered|support_answered|closed] [${PERIOD_SYNTAX}]`;

export function parseExportFilter(args: string, now: Date): ExportFilterResult {
  const filter: ExportFilter = {};
  for (const word of args.split(/\s+/).filter((part) => part.length > 0)) {
    const problem = applyWord(filter, word, now);
    if (problem) return { ok: false, error: `${problem}\nUsage: ${EXPORT_SYNTAX}` };
  }
  return { ok: true, filter };
}

function applyWord(filter: ExportFilter, word: string, now: Date): string | undefined {
  const [key, ...rest] = word.split(":");
  const value = rest.join(":");
  if (rest.length > 0 && key?.toLowerCase() === "label") {
    if (filter.label !== undefined) return "Only one label: filter.";
    if (value.length === 0) return "label: needs a label name, e.g. label:vip.";
    filter.label = value;
    return undefined;
  }
  if (rest.length > 0 && key?.toLowerCase() === "status") {
    if (filter.status !== undefined) return "Only one status: filter.";
    const status = Object.hasOwn(STATUS_WORDS, value.toLowerCase())
      ? STATUS_WORDS[value.toLowerCase()]
      : undefined;
    if (status === undefined)
      return `"${value}" is not a status; use user_answered, support_answered or closed.`;
    filter.status = status;
    return undefined;
  }
  if (filter.period !== undefined) return `"${word}" is not understood (a period was already given).`;
  const period = parsePeriod(word, now);
  if (!period.ok) return `"${word}" is neither label:, status: nor a period (${PERIOD_SYNTAX}).`;
  filter.period = period.period;
  return undefined;
}
