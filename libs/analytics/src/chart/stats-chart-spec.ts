import type { TopLevelSpec } from "vega-lite";
import { type TeamStats, WEEKDAYS } from "../stats/team-stats.ts";
import { operatorName } from "../text/stats-summary.ts";

/** Operators shown as bars; more would not be readable in a chat-sized image. */
const OPERATOR_BARS = 10;
const FONT = "DejaVu Sans";
const BLUE = "#4c78a8";
const ORANGE = "#f58518";

/**
 * The `/stats` picture as a Vega-Lite spec: load by hour of day on top (what a team plans shifts
 * by), load by weekday and messages per operator below. Data is inlined; nothing is fetched.
 */
export function statsChartSpec(stats: TeamStats, connectionId: string): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: `${connectionId} · ${stats.period.label}`, fontSize: 16 },
    background: "white",
    padding: 16,
    config: { font: FONT, view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 12 } },
    vconcat: [hourChart(stats), { hconcat: [weekdayChart(stats), operatorChart(stats)], spacing: 40 }],
    spacing: 28,
  };
}

function hourChart(stats: TeamStats) {
  return {
    title: "Client messages by hour (UTC)",
    width: 760,
    height: 180,
    data: { values: stats.byHour.map((load, hour) => ({ hour, messages: load.messagesIn })) },
    mark: { type: "bar" as const, color: BLUE },
    encoding: {
      x: { field: "hour", type: "ordinal" as const, title: "hour", axis: { labelAngle: 0 } },
      y: { field: "messages", type: "quantitative" as const, title: "messages" },
    },
  };
}

function weekdayChart(stats: TeamStats) {
  return {
    title: "New dialogs by weekday (UTC)",
    width: 300,
    height: 180,
    data: {
      values: stats.byWeekday.map((load, index) => ({ day: WEEKDAYS[index], dialogs: load.newDialogs })),
    },
    mark: { type: "bar" as const, color: ORANGE },
    encoding: {
      x: {
        field: "day",
        type: "ordinal" as const,
        sort: [...WEEKDAYS],
        title: null,
        axis: { labelAngle: 0 },
      },
      y: { field: "dialogs", type: "quantitative" as const, title: "new dialogs" },
    },
  };
}

function operatorChart(stats: TeamStats) {
  const values = stats.operators
    .slice(0, OPERATOR_BARS)
    .map((operator) => ({ operator: operatorName(operator), messages: operator.messages }));
  return {
    title: "Messages per operator",
    width: 300,
    height: 180,
    data: { values: values.length > 0 ? values : [{ operator: "nobody yet", messages: 0 }] },
    mark: { type: "bar" as const, color: BLUE },
    encoding: {
      y: { field: "operator", type: "nominal" as const, sort: "-x" as const, title: null },
      x: { field: "messages", type: "quantitative" as const, title: "messages" },
    },
  };
}
