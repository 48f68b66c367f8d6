import { readFileSync } from "node:fs";
import { METRIC_NAMES } from "@topicdesk/telemetry";
import { parse } from "yaml";

const read = (file: string) =>
  readFileSync(new URL(`../../../deploy/observability/${file}`, import.meta.url), "utf8");

interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels?: { severity?: string };
  annotations?: { summary?: string };
}

const alertRules = (parse(read("alert-rules.yaml")) as { groups: { rules: AlertRule[] }[] }).groups.flatMap(
  (group) => group.rules,
);
const dashboard = JSON.parse(read("grafana-dashboard.json")) as {
  uid: string;
  panels: { id: number; title: string; targets: { expr: string }[] }[];
};

/** Series names a PromQL expression reads: ours start with td_; Prometheus's own `up` is allowed. */
function seriesIn(expr: string): string[] {
  return [...expr.matchAll(/\btd_[a-z0-9_]+/g)].map((match) => match[0]);
}

/** What Prometheus exports for our instruments: counters get `_total`, histograms three series. */
const exported = new Set(
  Object.values(METRIC_NAMES).flatMap((name) => [
    name,
    `${name}_total`,
    `${name}_bucket`,
    `${name}_count`,
    `${name}_sum`,
  ]),
);

describe("dashboard and alert rules", () => {
  test("alerts cover the backlog, failures, 429s and lost sessions, and read only metrics we export", () => {
    const read = new Set(alertRules.flatMap((rule) => seriesIn(rule.expr)));
    expect([...read].filter((name) => !exported.has(name))).toEqual([]);
    for (const needed of [
      "td_queue_oldest_age_seconds",
      "td_delivery_jobs_total",
      "td_telegram_throttled_total",
      "td_session_leases",
    ])
      expect(read).toContain(needed);
  });

  test("every alert waits before firing, has a severity and says what is wrong", () => {
    for (const rule of alertRules) {
      expect([rule.alert, rule.for]).toEqual([rule.alert, expect.stringMatching(/^\d+m$/)]);
      expect(["page", "warn"]).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary?.length).toBeGreaterThan(10);
    }
  });

  test("the dashboard's panels have unique ids and query only metrics we export", () => {
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    const queried = dashboard.panels.flatMap((panel) =>
      panel.targets.flatMap((target) => seriesIn(target.expr)),
    );
    expect(queried.filter((name) => !exported.has(name))).toEqual([]);
    const unused = Object.values(METRIC_NAMES).filter(
      (name) => !queried.some((series) => series.startsWith(name)),
    );
    expect(unused).toEqual([]);
  });
});
