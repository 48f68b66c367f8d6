import type { TeamStats } from "@topicdesk/analytics";
import Type from "typebox";
import { Timestamp } from "./common-schemas.ts";

const NullableSeconds = Type.Union([Type.Number(), Type.Null()]);
const NullableString = Type.Union([Type.String(), Type.Null()]);

const DurationFigures = Type.Object({
  count: Type.Integer({ description: "conversations the figures are computed from" }),
  medianSeconds: NullableSeconds,
  p90Seconds: NullableSeconds,
});

const LoadCount = Type.Object({ messagesIn: Type.Integer(), newDialogs: Type.Integer() });

/** `/stats`'s figures as JSON (`TeamStats` of `@topicdesk/analytics`; its README defines each figure). */
export const StatsView = Type.Object({
  connectionId: Type.String(),
  period: Type.Object({
    from: Timestamp,
    to: Type.String({ format: "date-time", description: "exclusive end" }),
    label: Type.String(),
  }),
  dialogs: Type.Object({
    new: Type.Integer(),
    reopened: Type.Integer(),
    closed: Type.Integer(),
    unanswered: Type.Integer({ description: "conversations started in the period no operator answered yet" }),
  }),
  messages: Type.Object({ in: Type.Integer(), out: Type.Integer() }),
  firstResponse: DurationFigures,
  resolution: DurationFigures,
  operators: Type.Array(
    Type.Object({
      operatorId: Type.Number(),
      name: NullableString,
      username: NullableString,
      messages: Type.Integer(),
      dialogs: Type.Integer(),
      firstResponses: Type.Integer(),
      firstResponseMedianSeconds: NullableSeconds,
      closed: Type.Integer(),
    }),
  ),
  byWeekday: Type.Array(LoadCount, { minItems: 7, maxItems: 7, description: "UTC weekdays, Monday first" }),
  byHour: Type.Array(LoadCount, { minItems: 24, maxItems: 24, description: "UTC hours 0–23" }),
});
export type StatsView = Type.Static<typeof StatsView>;

export function statsView(connectionId: string, stats: TeamStats): StatsView {
  return {
    ...stats,
    connectionId,
    period: {
      from: stats.period.from.toISOString(),
      to: stats.period.to.toISOString(),
      label: stats.period.label,
    },
  };
}
