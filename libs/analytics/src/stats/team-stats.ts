import type { ReportPeriod } from "../period/report-period.ts";

/**
 * The team's figures for one connection and period, from the append-only `dialog_events` log.
 *
 * A *conversation* runs from a dialog's `opened` or `reopened` event to its next one. Conversations
 * that started in the period give the first-response and resolution times (whenever the answer or
 * the close came) and the unanswered count (no operator message yet). Counts of events (new,
 * reopened, closed, messages) are events inside the period.
 */
export interface TeamStats {
  period: ReportPeriod;
  dialogs: {
    new: number;
    reopened: number;
    closed: number;
    /** Conversations started in the period that no operator has answered (so far). */
    unanswered: number;
  };
  messages: { in: number; out: number };
  /** Seconds from a conversation's start to the first operator message. */
  firstResponse: DurationFigures;
  /** Seconds from a conversation's start to its close. */
  resolution: DurationFigures;
  operators: OperatorStats[];
  /** Client messages and new dialogs per UTC weekday, Monday first (7 entries). */
  byWeekday: LoadCount[];
  /** Client messages and new dialogs per UTC hour of day, 0–23 (24 entries). */
  byHour: LoadCount[];
}

export interface DurationFigures {
  /** How many conversations the figures are computed from. */
  count: number;
  /** Null when count is 0. */
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface OperatorStats {
  operatorId: number;
  /** First name as last seen in the backend group; null for someone never seen there. */
  name: string | null;
  username: string | null;
  messages: number;
  /** Distinct dialogs the operator wrote in. */
  dialogs: number;
  /** Conversations this operator answered first. */
  firstResponses: number;
  firstResponseMedianSeconds: number | null;
  closed: number;
}

export interface LoadCount {
  messagesIn: number;
  newDialogs: number;
}

export const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
