// Team analytics and the client export, computed in Postgres from `dialog_events` and `dialogs`:
// periods, figures, the text and chart of /stats, the CSV of /export.

export { renderChartPng, renderChartSvg } from "./chart/render-chart.ts";
export { statsChartSpec } from "./chart/stats-chart-spec.ts";
export { EXPORT_COLUMNS, type ExportColumn, exportCsv, exportRecord } from "./export/export-csv.ts";
export {
  EXPORT_SYNTAX,
  type ExportFilter,
  type ExportFilterResult,
  parseExportFilter,
} from "./export/export-filter.ts";
export { type ExportDialog, queryExportDialogs } from "./export/export-query.ts";
export {
  MAX_PERIOD_DAYS,
  PERIOD_SYNTAX,
  type PeriodResult,
  parsePeriod,
  type ReportPeriod,
} from "./period/report-period.ts";
export type { DurationFigures, LoadCount, OperatorStats, TeamStats } from "./stats/team-stats.ts";
export { WEEKDAYS } from "./stats/team-stats.ts";
export { queryTeamStats } from "./stats/team-stats-query.ts";
export { formatDuration } from "./text/format-duration.ts";
export { operatorName, statsSummaryText } from "./text/stats-summary.ts";
