import { type ExportFilter, exportCsv, parseExportFilter, queryExportDialogs } from "@topicdesk/analytics";
import { ParameterRepository } from "@topicdesk/db";
import { resolveParameters } from "@topicdesk/params";
import type { ReportCommand } from "./report-command.ts";

/**
 * `/export [label:<x>] [status:<s>] [from..to]`: the connection's client dialogs as a CSV file in
 * the topic, names masked per HIDE_INFO as they are everywhere else.
 */
export const exportCommand: ReportCommand = async (event, answer, context) => {
  const parsed = parseExportFilter(event.command.args, context.now());
  if (!parsed.ok) return [answer.text(`⚠️ ${parsed.error}`)];
  const dialogs = await queryExportDialogs(context.db, event.connectionId, parsed.filter);
  if (dialogs.length === 0) return [answer.text(`No client dialogs match${describe(parsed.filter)}.`)];
  const raw = await new ParameterRepository(context.db).listRaw(event.connectionId);
  const hideInfo = new Set(resolveParameters(raw).values.HIDE_INFO);
  const key = await context.storeBlob(exportCsv(dialogs, hideInfo));
  const day = context.now().toISOString().slice(0, 10);
  const file = {
    kind: "blob" as const,
    key,
    fileName: `export-${event.connectionId}-${day}.csv`,
    contentType: "text/csv",
  };
  const count = `${dialogs.length} dialog${dialogs.length === 1 ? "" : "s"}`;
  return [answer.file(file, "document", `📄 ${count}${describe(parsed.filter)}`)];
};

function describe(filter: ExportFilter): string {
  const parts = [
    filter.label === undefined ? undefined : `label ${filter.label}`,
    filter.status === undefined ? undefined : `status ${filter.status}`,
    filter.period === undefined ? undefined : filter.period.label,
  ].filter((part): part is string => part !== undefined);
  return parts.length === 0 ? "" : ` (${parts.join(", ")})`;
}
