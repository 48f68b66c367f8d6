/**
 * The period of a report: `today`, `<n>d` (the last n days up to now), or a range of UTC days
 * `YYYY-MM-DD..YYYY-MM-DD` (both days included). Times are UTC throughout, and the text says so.
 */
export interface ReportPeriod {
  /** Inclusive start. */
  from: Date;
  /** Exclusive end. */
  to: Date;
  /** How the period reads in an answer: "today", "last 7 days", "2025-03-01 – 2025-03-31". */
  label: string;
}

export type PeriodResult = { ok: true; period: ReportPeriod } | { ok: false; error: string };

const DAY_MS = 24 * 3600 * 1000;
/** A longer custom range would still answer, but slowly; a year covers every sensible question. */
export const MAX_PERIOD_DAYS = 366;
const DAYS_PATTERN = /^(\d{1,3})d$/;
const RANGE_PATTERN = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;

export const PERIOD_SYNTAX = "today, 7d, 30d (any 1d–366d) or YYYY-MM-DD..YYYY-MM-DD";

export function parsePeriod(argument: string, now: Date): PeriodResult {
  const text = argument.trim().toLowerCase();
  if (text === "today") {
    const midnight = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
    return { ok: true, period: { from: midnight, to: untilNow(now), label: "today (UTC)" } };
  }
  const days = DAYS_PATTERN.exec(text);
  if (days) return lastDays(Number(days[1]), now);
  const range = RANGE_PATTERN.exec(text);
  if (range) return dayRange(range[1] ?? "", range[2] ?? "");
  return { ok: false, error: `"${argument.trim()}" is not a period; use ${PERIOD_SYNTAX}.` };
}

/** The end is exclusive; a period "up to now" still counts what was recorded at this very millisecond. */
function untilNow(now: Date): Date {
  return new Date(now.getTime() + 1);
}

function lastDays(days: number, now: Date): PeriodResult {
  if (days < 1 || days > MAX_PERIOD_DAYS) {
    return { ok: false, error: `A period covers 1 to ${MAX_PERIOD_DAYS} days; got ${days}.` };
  }
  const from = new Date(now.getTime() - days * DAY_MS);
  return { ok: true, period: { from, to: untilNow(now), label: `last ${days} day${days === 1 ? "" : "s"}` } };
}

function dayRange(first: string, last: string): PeriodResult {
  const from = utcDay(first);
  const lastDay = utcDay(last);
  if (!from) return { ok: false, error: `${first} is not a date.` };
  if (!lastDay) return { ok: false, error: `${last} is not a date.` };
  if (lastDay < from) return { ok: false, error: `The range ends (${last}) before it starts (${first}).` };
  const to = new Date(lastDay.getTime() + DAY_MS);
  const days = (to.getTime() - from.getTime()) / DAY_MS;
  if (days > MAX_PERIOD_DAYS) {
    return {
      ok: false,
      error: `A period covers at most ${MAX_PERIOD_DAYS} days; ${first}..${last} has ${days}.`,
    };
  }
  return { ok: true, period: { from, to, label: first === last ? first : `${first} – ${last}` } };
}

/** Midnight UTC of a calendar date; undefined for dates that do not exist (2025-02-30). */
function utcDay(text: string): Date | undefined {
  const date = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text ? undefined : date;
}
