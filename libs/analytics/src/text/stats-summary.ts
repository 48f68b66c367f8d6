import { type OperatorStats, type TeamStats, WEEKDAYS } from "../stats/team-stats.ts";
import { formatDuration } from "./format-duration.ts";

/** How many operators the text lists; the chart and the HTTP API have them all. */
const OPERATORS_SHOWN = 10;

/**
 * The short text that goes with the chart: what people ask first (how many, how fast), then who did
 * what, then when the load comes. Plain text, so names cannot break any markup.
 */
export function statsSummaryText(stats: TeamStats, connectionId: string): string {
  const { dialogs, messages, firstResponse, resolution } = stats;
  const lines = [
    `📊 ${connectionId} · ${stats.period.label}`,
    `Dialogs: ${dialogs.new} new, ${dialogs.reopened} reopened, ${dialogs.closed} closed, ${dialogs.unanswered} unanswered`,
    `Messages: ${messages.in} in, ${messages.out} out`,
    `First response: median ${formatDuration(firstResponse.medianSeconds)}, p90 ${formatDuration(firstResponse.p90Seconds)} (${firstResponse.count} answered)`,
    `Resolution: median ${formatDuration(resolution.medianSeconds)}, p90 ${formatDuration(resolution.p90Seconds)} (${resolution.count} closed)`,
    ...operatorLines(stats.operators),
    ...busiestLines(stats),
  ];
  return lines.join("\n");
}

function operatorLines(operators: OperatorStats[]): string[] {
  if (operators.length === 0) return ["Operators: nobody answered in this period"];
  const shown = operators
    .slice(0, OPERATORS_SHOWN)
    .map(
      (operator) =>
        `• ${operatorName(operator)}: ${operator.messages} messages in ${operator.dialogs} dialogs, ` +
        `${operator.firstResponses} first answers (median ${formatDuration(operator.firstResponseMedianSeconds)}), ` +
        `${operator.closed} closed`,
    );
  const more = operators.length - shown.length;
  return ["Operators:", ...shown, ...(more > 0 ? [`… and ${more} more`] : [])];
}

export function operatorName(operator: Pick<OperatorStats, "operatorId" | "name" | "username">): string {
  if (operator.name) return operator.username ? `${operator.name} (@${operator.username})` : operator.name;
  return operator.username ? `@${operator.username}` : `id ${operator.operatorId}`;
}

function busiestLines(stats: TeamStats): string[] {
  if (stats.messages.in === 0) return [];
  const weekday = busiest(stats.byWeekday.map((load) => load.messagesIn));
  const hour = busiest(stats.byHour.map((load) => load.messagesIn));
  const hourLabel = `${String(hour).padStart(2, "0")}:00–${String((hour + 1) % 24).padStart(2, "0")}:00`;
  return [`Busiest (client messages, UTC): ${WEEKDAYS[weekday]}, ${hourLabel}`];
}

/** Index of the largest count; the earliest wins a tie. */
function busiest(counts: number[]): number {
  return counts.reduce((best, count, index) => (count > (counts[best] ?? 0) ? index : best), 0);
}
