import {
  parsePeriod,
  queryTeamStats,
  type ReportPeriod,
  renderChartPng,
  statsChartSpec,
  statsSummaryText,
} from "@topicdesk/analytics";
import type { ReportCommand } from "./report-command.ts";

/** `/stats` without a period covers the last week. */
const DEFAULT_PERIOD = "7d";
/** Telegram's limit for a caption; a longer summary goes as its own message before the chart. */
const CAPTION_LIMIT = 1024;

/** `/stats [today|7d|30d|from..to]`: a short text summary and a PNG chart in the topic. */
export const statsCommand: ReportCommand = async (event, answer, context) => {
  const argument = event.command.args.trim() || DEFAULT_PERIOD;
  const parsed = parsePeriod(argument, context.now());
  if (!parsed.ok) return [answer.text(`⚠️ ${parsed.error}\nUsage: /stats [period]`)];
  return statsAnswers(parsed.period, event.connectionId, answer, context);
};

async function statsAnswers(
  period: ReportPeriod,
  connectionId: string,
  answer: Parameters<ReportCommand>[1],
  context: Parameters<ReportCommand>[2],
) {
  const stats = await queryTeamStats(context.db, connectionId, period);
  const summary = statsSummaryText(stats, connectionId);
  const png = await renderChartPng(statsChartSpec(stats, connectionId));
  const key = await context.storeBlob(png);
  const chart = {
    kind: "blob" as const,
    key,
    fileName: `stats-${connectionId}.png`,
    contentType: "image/png",
  };
  if (summary.length <= CAPTION_LIMIT) return [answer.file(chart, "photo", summary)];
  return [answer.text(summary), answer.file(chart, "photo")];
}
