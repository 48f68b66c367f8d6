import {
  exportCsv,
  parsePeriod,
  queryExportDialogs,
  queryTeamStats,
  renderChartPng,
  statsChartSpec,
} from "@topicdesk/analytics";
import { createDatabase, createScratchDatabase, type Database, migrateToLatest } from "@topicdesk/db";
import { type Kysely, sql } from "kysely";

export interface ReportScenarioOptions {
  dialogs: number;
  /** Dialogs open at random times over this many days up to now. */
  spreadDays: number;
  /** Timed runs of the 30-day report after the first (cold) one. */
  repeats: number;
}

export interface ReportScenarioResult {
  dialogs: number;
  events: number;
  seedMs: number;
  /** The first 30-day report after seeding, and the median of the repeats. */
  firstReportMs: number;
  medianReportMs: number;
  /** Conversations the 30-day report covered (its first-response count plus unanswered). */
  conversationsInPeriod: number;
  chartMs: number;
  exportMs: number;
  exportBytes: number;
}

const CONNECTION_ID = "bench";
const BACKEND_CHAT_ID = -1_009_000_000_001;
const OPERATORS = 8;

/**
 * `/stats 30d` and `/export` on a desk with a large history: 100,000 dialogs with realistic events
 * (messages both ways, answers minutes to hours later, closes, reopens) generated inside Postgres
 * with `generate_series`, so seeding takes seconds. Prints timings; asserts nothing.
 */
export async function runReportScenario(options: ReportScenarioOptions): Promise<ReportScenarioResult> {
  const scratch = await createScratchDatabase();
  const db = createDatabase({ url: scratch.url });
  try {
    await migrateToLatest(db);
    const seedStarted = performance.now();
    const events = await seedDesk(db, options);
    const seedMs = performance.now() - seedStarted;
    const period = parsePeriod("30d", new Date());
    if (!period.ok) throw new Error(period.error);
    const timed = async () => {
      const started = performance.now();
      const stats = await queryTeamStats(db, CONNECTION_ID, period.period);
      return { stats, ms: performance.now() - started };
    };
    const first = await timed();
    const repeats: number[] = [];
    for (let run = 0; run < options.repeats; run += 1) repeats.push((await timed()).ms);
    const chartStarted = performance.now();
    await renderChartPng(statsChartSpec(first.stats, CONNECTION_ID));
    const chartMs = performance.now() - chartStarted;
    const exportStarted = performance.now();
    const csv = exportCsv(await queryExportDialogs(db, CONNECTION_ID, {}), new Set());
    const exportMs = performance.now() - exportStarted;
    return {
      dialogs: options.dialogs,
      events,
      seedMs,
      firstReportMs: first.ms,
      medianReportMs: median(repeats),
      conversationsInPeriod: first.stats.firstResponse.count + first.stats.dialogs.unanswered,
      chartMs,
      exportMs,
      exportBytes: csv.byteLength,
    };
  } finally {
    await db.destroy();
    await scratch.drop();
  }
}

async function seedDesk(db: Kysely<Database>, options: ReportScenarioOptions): Promise<number> {
  await db
    .insertInto("connections")
    .values({ id: CONNECTION_ID, kind: "bot", title: "bench", backend_chat_id: BACKEND_CHAT_ID })
    .execute();
  await sql`
    insert into operators (backend_chat_id, user_id, first_name, username)
    select ${BACKEND_CHAT_ID}, 9000 + n, 'Operator ' || n, 'op' || n from generate_series(1, ${OPERATORS}) n
  `.execute(db);
  await seedDialogs(db, options);
  await seedEvents(db);
  // A deployment's autovacuum would have done this; index-only scans need the visibility map.
  await sql`vacuum analyze dialog_events`.execute(db);
  await sql`analyze dialogs`.execute(db);
  const { rows } = await sql<{ count: number }>`select count(*)::int as count from dialog_events`.execute(db);
  return rows[0]?.count ?? 0;
}

/** Dialogs with names, languages, labels and a status; a tenth are groups. */
async function seedDialogs(db: Kysely<Database>, options: ReportScenarioOptions): Promise<void> {
  await sql`
    insert into dialogs (connection_id, client_chat_id, chat_type, backend_chat_id, status, first_name,
                         username, title, language_code, labels, created_at)
    select ${CONNECTION_ID}, 1000000 + g,
           case when g % 10 = 0 then 'group' else 'private' end, ${BACKEND_CHAT_ID},
           case when g % 5 = 0 then 'user_answered' when g % 5 = 1 then 'support_answered' else 'closed' end,
           'Client ' || g, 'client' || g, case when g % 10 = 0 then 'Team ' || g end,
           (array['en', 'de', 'es', 'ru', 'fr'])[1 + g % 5],
           case when g % 7 = 0 then array['vip'] when g % 3 = 0 then array['lead', 'new'] else '{}' end,
           now() - random() * ${options.spreadDays} * interval '1 day'
    from generate_series(1, ${options.dialogs}) g
  `.execute(db);
}

/**
 * Per dialog: opened; 1–6 client messages a few minutes apart; unless unanswered (1 in 12), 1–4
 * operator messages from one of the operators, the first 1–180 minutes after opening; closed for
 * the closed ones within two days; a seventh reopen three days later with one more exchange.
 */
async function seedEvents(db: Kysely<Database>): Promise<void> {
  await sql`
    with timeline as (
      select d.id, d.created_at as t0, d.status, 9001 + d.id % ${OPERATORS} as operator_id,
             (1 + (d.id * 37) % 180) * interval '1 minute' as first_answer,
             (30 + (d.id * 53) % 2880) * interval '1 minute' as resolution
      from dialogs d
    )
    insert into dialog_events (dialog_id, connection_id, kind, operator_id, at)
    select id, ${CONNECTION_ID}, kind, operator_id, at from (
      select id, 'opened' as kind, null::bigint as operator_id, t0 as at from timeline
      union all
      select id, 'client_message', null, t0 + (3 * n) * interval '1 minute'
      from timeline, generate_series(0, id % 6) n
      union all
      select id, 'operator_message', operator_id, t0 + first_answer + (5 * n) * interval '1 minute'
      from timeline, generate_series(0, id % 4) n where id % 12 <> 0
      union all
      select id, 'closed', operator_id, t0 + first_answer + resolution from timeline where status = 'closed'
      union all
      select id, 'reopened', null, t0 + interval '3 days' from timeline where id % 7 = 0
      union all
      select id, 'client_message', null, t0 + interval '3 days' from timeline where id % 7 = 0
      union all
      select id, 'operator_message', operator_id, t0 + interval '3 days' + first_answer
      from timeline where id % 7 = 0
    ) events
    where at <= now()
  `.execute(db);
  await sql`
    update dialogs d set last_client_message_at = last.client, last_operator_message_at = last.operator
    from (
      select dialog_id,
             max(at) filter (where kind = 'client_message') as client,
             max(at) filter (where kind = 'operator_message') as operator
      from dialog_events group by dialog_id
    ) last
    where last.dialog_id = d.id
  `.execute(db);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
