import type { Database } from "@topicdesk/db";
import { type Kysely, sql } from "kysely";
import type { ReportPeriod } from "../period/report-period.ts";
import type { DurationFigures, LoadCount, OperatorStats, TeamStats } from "./team-stats.ts";

/**
 * Computes `TeamStats` in Postgres: four queries, each a scan of the period's slice of one index
 * (see migration 0008), with percentiles by `percentile_cont`, then the operators' names. Run them in a repeatable-read
 * transaction if figures must agree exactly while the router keeps writing; a report tolerates the
 * few events that land between the queries.
 */
export async function queryTeamStats(
  db: Kysely<Database>,
  connectionId: string,
  period: ReportPeriod,
): Promise<TeamStats> {
  const scope = { connectionId, from: period.from, to: period.to };
  const [counts, conversations, activity, load] = await Promise.all([
    eventCounts(db, scope),
    conversationFigures(db, scope),
    operatorActivity(db, scope),
    loadFigures(db, scope),
  ]);
  const operators = await operatorFigures(db, connectionId, activity, conversations.firstAnswers);
  return {
    period,
    dialogs: {
      new: counts.opened,
      reopened: counts.reopened,
      closed: counts.closed,
      unanswered: conversations.unanswered,
    },
    messages: { in: counts.client_message, out: counts.operator_message },
    firstResponse: conversations.firstResponse,
    resolution: conversations.resolution,
    operators,
    ...load,
  };
}

interface Scope {
  connectionId: string;
  from: Date;
  to: Date;
}

type EventCounts = Record<"opened" | "reopened" | "closed" | "client_message" | "operator_message", number>;

async function eventCounts(db: Kysely<Database>, scope: Scope): Promise<EventCounts> {
  const { rows } = await sql<{ kind: keyof EventCounts; count: number }>`
    select kind, count(*)::int as count
    from dialog_events
    where connection_id = ${scope.connectionId} and at >= ${scope.from} and at < ${scope.to}
      and kind in ('opened', 'reopened', 'closed', 'client_message', 'operator_message')
    group by kind
  `.execute(db);
  const counts: EventCounts = { opened: 0, reopened: 0, closed: 0, client_message: 0, operator_message: 0 };
  for (const row of rows) counts[row.kind] = row.count;
  return counts;
}

/**
 * Conversations that started in the period, each with its first operator answer (and who gave it)
 * and its first close before the dialog's next start. One pass over the connection's starts,
 * answers and closes since the period began: sorted by dialog and time, each event is attributed
 * to the latest start before it (starts sort first at equal times). Answers after the period's end
 * still count for conversations that started in it.
 */
const conversationsCte = (scope: Scope) => sql`
  marked as (
    select dialog_id, kind, operator_id, at,
           max(case when kind in ('opened', 'reopened') then at end) over (
             partition by dialog_id order by at, kind not in ('opened', 'reopened')
             rows between unbounded preceding and current row
           ) as started_at
    from dialog_events
    where connection_id = ${scope.connectionId} and at >= ${scope.from}
      and kind in ('opened', 'reopened', 'operator_message', 'closed')
  ),
  conversations as (
    select dialog_id, started_at,
           min(at) filter (where kind = 'operator_message') as answered_at,
           (array_agg(operator_id order by at) filter (where kind = 'operator_message'))[1] as answered_by,
           min(at) filter (where kind = 'closed') as closed_at
    from marked
    where started_at is not null and started_at < ${scope.to}
    group by dialog_id, started_at
  )
`;

interface ConversationRow {
  /** Null on the row of the whole team; an operator's id on the rows of their first answers. */
  answered_by: number | null;
  is_team: boolean;
  conversations: number;
  unanswered: number;
  responded: number;
  response_median: number | null;
  response_p90: number | null;
  resolved: number;
  resolution_median: number | null;
  resolution_p90: number | null;
}

interface ConversationFigures {
  unanswered: number;
  firstResponse: DurationFigures;
  resolution: DurationFigures;
  /** Per operator: conversations they answered first, and the median of those answers. */
  firstAnswers: Map<number, DurationFigures>;
}

/** The team's figures and each operator's first answers, from one pass (grouping sets). */
async function conversationFigures(db: Kysely<Database>, scope: Scope): Promise<ConversationFigures> {
  const { rows } = await sql<ConversationRow>`
    with ${conversationsCte(scope)},
    durations as (
      select answered_by,
             extract(epoch from answered_at - started_at)::float8 as response,
             extract(epoch from closed_at - started_at)::float8 as resolution
      from conversations
    )
    select answered_by, grouping(answered_by) = 1 as is_team, count(*)::int as conversations,
           count(*) filter (where response is null)::int as unanswered,
           count(response)::int as responded,
           percentile_cont(0.5) within group (order by response) as response_median,
           percentile_cont(0.9) within group (order by response) as response_p90,
           count(resolution)::int as resolved,
           percentile_cont(0.5) within group (order by resolution) as resolution_median,
           percentile_cont(0.9) within group (order by resolution) as resolution_p90
    from durations
    group by grouping sets ((), (answered_by))
  `.execute(db);
  const team = rows.find((row) => row.is_team);
  const firstAnswers = new Map<number, DurationFigures>();
  for (const row of rows) {
    if (row.is_team || row.answered_by === null) continue;
    firstAnswers.set(row.answered_by, figures(row.responded, row.response_median, row.response_p90));
  }
  return {
    unanswered: team?.unanswered ?? 0,
    firstResponse: figures(team?.responded, team?.response_median, team?.response_p90),
    resolution: figures(team?.resolved, team?.resolution_median, team?.resolution_p90),
    firstAnswers,
  };
}

function figures(
  count: number | undefined,
  median: number | null | undefined,
  p90: number | null | undefined,
): DurationFigures {
  return { count: count ?? 0, medianSeconds: toMillis(median), p90Seconds: toMillis(p90) };
}

/** percentile_cont interpolates in floating point (30780.000000000007); events are stored to the ms. */
function toMillis(seconds: number | null | undefined): number | null {
  return seconds === null || seconds === undefined ? null : Math.round(seconds * 1000) / 1000;
}

interface ActivityRow {
  operator_id: number;
  messages: number;
  dialogs: number;
  closed: number;
}

/** What each operator did inside the period: messages, dialogs written in, closes. */
async function operatorActivity(db: Kysely<Database>, scope: Scope): Promise<ActivityRow[]> {
  const { rows } = await sql<ActivityRow>`
    select operator_id,
           count(*) filter (where kind = 'operator_message')::int as messages,
           count(distinct dialog_id) filter (where kind = 'operator_message')::int as dialogs,
           count(*) filter (where kind = 'closed')::int as closed
    from dialog_events
    where connection_id = ${scope.connectionId} and kind in ('operator_message', 'closed')
      and at >= ${scope.from} and at < ${scope.to} and operator_id is not null
    group by operator_id
  `.execute(db);
  return rows;
}

/** Names as last seen in the connection's backend group; strangers are simply absent. */
async function operatorNames(
  db: Kysely<Database>,
  connectionId: string,
  ids: number[],
): Promise<Map<number, { name: string; username: string | null }>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<{ user_id: number; first_name: string; username: string | null }>`
    select operators.user_id, operators.first_name, operators.username
    from operators join connections on connections.backend_chat_id = operators.backend_chat_id
    where connections.id = ${connectionId} and operators.user_id = any(${ids}::bigint[])
  `.execute(db);
  return new Map(rows.map((row) => [row.user_id, { name: row.first_name, username: row.username }]));
}

/** Everyone who wrote, answered first or closed something, busiest first. */
async function operatorFigures(
  db: Kysely<Database>,
  connectionId: string,
  activity: ActivityRow[],
  firstAnswers: Map<number, DurationFigures>,
): Promise<OperatorStats[]> {
  const ids = [...new Set([...activity.map((row) => row.operator_id), ...firstAnswers.keys()])];
  const names = await operatorNames(db, connectionId, ids);
  const activityOf = new Map(activity.map((row) => [row.operator_id, row]));
  return ids
    .map((operatorId) => {
      const done = activityOf.get(operatorId);
      const answers = firstAnswers.get(operatorId);
      return {
        operatorId,
        name: names.get(operatorId)?.name ?? null,
        username: names.get(operatorId)?.username ?? null,
        messages: done?.messages ?? 0,
        dialogs: done?.dialogs ?? 0,
        firstResponses: answers?.count ?? 0,
        firstResponseMedianSeconds: answers?.medianSeconds ?? null,
        closed: done?.closed ?? 0,
      };
    })
    .sort(
      (a, b) => b.messages - a.messages || b.firstResponses - a.firstResponses || a.operatorId - b.operatorId,
    );
}

/** Client messages and new dialogs by UTC weekday (ISO: Monday = 1) and by UTC hour. */
async function loadFigures(
  db: Kysely<Database>,
  scope: Scope,
): Promise<{ byWeekday: LoadCount[]; byHour: LoadCount[] }> {
  const { rows } = await sql<{ weekday: number; hour: number; messages_in: number; new_dialogs: number }>`
    select extract(isodow from at at time zone 'UTC')::int as weekday,
           extract(hour from at at time zone 'UTC')::int as hour,
           count(*) filter (where kind = 'client_message')::int as messages_in,
           count(*) filter (where kind = 'opened')::int as new_dialogs
    from dialog_events
    where connection_id = ${scope.connectionId} and kind in ('client_message', 'opened')
      and at >= ${scope.from} and at < ${scope.to}
    group by 1, 2
  `.execute(db);
  const empty = (length: number): LoadCount[] =>
    Array.from({ length }, () => ({ messagesIn: 0, newDialogs: 0 }));
  const byWeekday = empty(7);
  const byHour = empty(24);
  for (const row of rows) {
    for (const bucket of [byWeekday[row.weekday - 1], byHour[row.hour]]) {
      if (!bucket) continue;
      bucket.messagesIn += row.messages_in;
      bucket.newDialogs += row.new_dialogs;
    }
  }
  return { byWeekday, byHour };
}
