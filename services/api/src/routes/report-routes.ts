import {
  type ExportFilter,
  exportCsv,
  PERIOD_SYNTAX,
  parsePeriod,
  queryExportDialogs,
  queryTeamStats,
  type ReportPeriod,
} from "@topicdesk/analytics";
import { ConnectionRepository } from "@topicdesk/db";
import Type from "typebox";
import { badRequest } from "../app/api-errors.ts";
import type { ApiApp, ApiDeps } from "../app/route-context.ts";
import { authorize } from "../auth/api-key-auth.ts";
import { hideInfoOf } from "../dialog-actions/hide-info.ts";
import { authErrors, ConnectionParams, keySecurity } from "../schemas/common-schemas.ts";
import { DialogStatusSchema, hiddenFor } from "../schemas/dialog-schemas.ts";
import { StatsView, statsView } from "../schemas/report-schemas.ts";
import { existing } from "./connection-routes.ts";

const tags = ["reports"];

/** `/stats` without a period covers the last week; so does this route. */
const DEFAULT_STATS_PERIOD = "7d";

const Day = Type.String({ format: "date", description: "a UTC day, YYYY-MM-DD" });

/**
 * The export (`/export`) and the team analytics (`/stats`) over HTTP: the same queries and the same
 * CSV builder of `@topicdesk/analytics` the commands use, so the figures and the file agree with
 * what the team sees in Telegram.
 */
export function reportRoutes(app: ApiApp, deps: ApiDeps): void {
  const connections = new ConnectionRepository(deps.db);

  app.get(
    "/connections/:connectionId/export",
    {
      schema: {
        tags,
        summary: "The connection's client dialogs as CSV (the file /export sends)",
        description:
          "UTF-8 with BOM, one row per dialog. Filters: label, status, and a range of UTC days from..to (both included; to defaults to today) keeping dialogs whose contact overlaps it. HIDE_INFO masks client data for keys short of admin.",
        security: keySecurity,
        params: ConnectionParams,
        querystring: Type.Object({
          label: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          status: Type.Optional(DialogStatusSchema),
          from: Type.Optional(Day),
          to: Type.Optional(Day),
        }),
        response: {
          200: {
            description: "the CSV file",
            content: { "text/csv": { schema: Type.String() } },
          },
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const { connectionId } = request.params;
      const caller = authorize(request, connectionId, "read");
      await existing(connections, connectionId);
      const now = new Date();
      const filter = exportFilterOf(request.query, now);
      const dialogs = await queryExportDialogs(deps.db, connectionId, filter);
      const csv = exportCsv(dialogs, hiddenFor(await hideInfoOf(deps.db, connectionId), caller.scopes));
      const fileName = `export-${connectionId}-${now.toISOString().slice(0, 10)}.csv`;
      return reply
        .code(200)
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${fileName}"`)
        .send(Buffer.from(csv));
    },
  );

  app.get(
    "/connections/:connectionId/stats",
    {
      schema: {
        tags,
        summary: "Team analytics for a period (the figures /stats shows)",
        security: keySecurity,
        params: ConnectionParams,
        querystring: Type.Object({
          period: Type.String({
            default: DEFAULT_STATS_PERIOD,
            maxLength: 32,
            description: `${PERIOD_SYNTAX}; UTC`,
          }),
        }),
        response: { 200: StatsView, ...authErrors },
      },
    },
    async (request) => {
      const { connectionId } = request.params;
      authorize(request, connectionId, "read");
      await existing(connections, connectionId);
      const parsed = parsePeriod(request.query.period, new Date());
      if (!parsed.ok) throw badRequest(parsed.error);
      return statsView(connectionId, await queryTeamStats(deps.db, connectionId, parsed.period));
    },
  );
}

/** The export's filter from the query; the days go through the same period parser as `/export`. */
function exportFilterOf(
  query: { label?: string; status?: ExportFilter["status"]; from?: string; to?: string },
  now: Date,
): ExportFilter {
  const filter: ExportFilter = {};
  if (query.label !== undefined) filter.label = query.label;
  if (query.status !== undefined) filter.status = query.status;
  const period = periodOf(query.from, query.to, now);
  if (period) filter.period = period;
  return filter;
}

function periodOf(from: string | undefined, to: string | undefined, now: Date): ReportPeriod | undefined {
  if (from === undefined && to === undefined) return undefined;
  if (from === undefined) throw badRequest("`to` needs a `from`: give the first day of the range too.");
  const parsed = parsePeriod(`${from}..${to ?? now.toISOString().slice(0, 10)}`, now);
  if (!parsed.ok) throw badRequest(parsed.error);
  return parsed.period;
}
