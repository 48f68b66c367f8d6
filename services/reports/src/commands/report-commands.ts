import { exportCommand } from "./export-command.ts";
import type { ReportCommand } from "./report-command.ts";
import { statsCommand } from "./stats-command.ts";

/** The `command.invoked` names this service answers; other modules answer the rest. */
export const reportCommands: Readonly<Record<string, ReportCommand>> = {
  export: exportCommand,
  stats: statsCommand,
};

export function reportCommandNamed(name: string): ReportCommand | undefined {
  return Object.hasOwn(reportCommands, name) ? reportCommands[name] : undefined;
}
