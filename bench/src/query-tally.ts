import type { DatabaseOptions } from "@topicdesk/db";

/**
 * Counts the statements the system sends to Postgres, by verb and first table
 * ("select dialogs"), through Kysely's query log. Transaction begin/commit are not logged by
 * Kysely and so not counted.
 */
export interface QueryTally {
  log: NonNullable<DatabaseOptions["log"]>;
  total(): number;
  /** Most frequent first. */
  entries(): Array<{ statement: string; count: number }>;
  reset(): void;
}

export function createQueryTally(): QueryTally {
  const counts = new Map<string, number>();
  return {
    log(event) {
      const key = statementOf(event.query.sql);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    },
    total: () => [...counts.values()].reduce((sum, count) => sum + count, 0),
    entries: () =>
      [...counts.entries()]
        .map(([statement, count]) => ({ statement, count }))
        .sort((a, b) => b.count - a.count),
    reset: () => counts.clear(),
  };
}

function statementOf(sql: string): string {
  const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toLowerCase() ?? "?";
  const table = /"(\w+)"/.exec(sql)?.[1] ?? "";
  return table ? `${verb} ${table}` : verb;
}
