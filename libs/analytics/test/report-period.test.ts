import { parseExportFilter, parsePeriod } from "../src/index.ts";

const NOW = new Date("2025-03-12T15:30:00Z");
/** Rolling periods end just after now, so what was recorded at this instant counts. */
const AFTER_NOW = new Date("2025-03-12T15:30:00.001Z");

describe("report periods", () => {
  test("today runs from UTC midnight to now", () => {
    expect(parsePeriod("today", NOW)).toEqual({
      ok: true,
      period: { from: new Date("2025-03-12T00:00:00Z"), to: AFTER_NOW, label: "today (UTC)" },
    });
  });

  test("7d and 30d are the last days up to now", () => {
    expect(parsePeriod("7d", NOW)).toEqual({
      ok: true,
      period: { from: new Date("2025-03-05T15:30:00Z"), to: AFTER_NOW, label: "last 7 days" },
    });
    expect(parsePeriod(" 30D ", NOW)).toMatchObject({ ok: true, period: { label: "last 30 days" } });
  });

  test("a range of days includes both days", () => {
    expect(parsePeriod("2025-02-01..2025-02-28", NOW)).toEqual({
      ok: true,
      period: {
        from: new Date("2025-02-01T00:00:00Z"),
        to: new Date("2025-03-01T00:00:00Z"),
        label: "2025-02-01 – 2025-02-28",
      },
    });
  });

  test.each([
    ["yesterday", '"yesterday" is not a period; use today, 7d, 30d (any 1d–366d) or YYYY-MM-DD..YYYY-MM-DD.'],
    ["0d", "A period covers 1 to 366 days; got 0."],
    ["400d", "A period covers 1 to 366 days; got 400."],
    ["2025-02-30..2025-03-01", "2025-02-30 is not a date."],
    ["2025-03-01..2025-13-01", "2025-13-01 is not a date."],
    ["2025-03-10..2025-03-01", "The range ends (2025-03-01) before it starts (2025-03-10)."],
    ["2023-01-01..2025-01-01", "A period covers at most 366 days; 2023-01-01..2025-01-01 has 732."],
  ])("%s is refused with a clear reason", (text, error) => {
    expect(parsePeriod(text, NOW)).toEqual({ ok: false, error });
  });
});

describe("export filters", () => {
  test("no arguments export everything", () => {
    expect(parseExportFilter("", NOW)).toEqual({ ok: true, filter: {} });
  });

  test("label, status and a period combine in any order", () => {
    const result = parseExportFilter("2025-03-01..2025-03-02 status:CLOSED label:VIP", NOW);
    expect(result).toEqual({
      ok: true,
      filter: {
        label: "VIP",
        status: "closed",
        period: {
          from: new Date("2025-03-01T00:00:00Z"),
          to: new Date("2025-03-03T00:00:00Z"),
          label: "2025-03-01 – 2025-03-02",
        },
      },
    });
  });

  test("status words: open and waiting mean 🟪 and 🟨", () => {
    expect(parseExportFilter("status:open", NOW)).toMatchObject({ filter: { status: "user_answered" } });
    expect(parseExportFilter("status:waiting", NOW)).toMatchObject({
      filter: { status: "support_answered" },
    });
  });

  test.each([
    ["status:lost", '"lost" is not a status'],
    ["label:", "label: needs a label name"],
    ["label:a label:b", "Only one label: filter."],
    ["everyone", '"everyone" is neither label:, status: nor a period'],
    ["7d 30d", '"30d" is not understood (a period was already given).'],
    ["status:constructor", '"constructor" is not a status'],
  ])("%s is refused with the reason and the usage", (args, reason) => {
    const result = parseExportFilter(args, NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain(reason);
    expect(result.error).toContain("Usage: /export [label:<name>]");
  });
});
