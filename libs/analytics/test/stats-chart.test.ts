import { renderChartPng, renderChartSvg, statsChartSpec, type TeamStats } from "../src/index.ts";

function someStats(): TeamStats {
  return {
    period: {
      from: new Date("2025-03-03T00:00:00Z"),
      to: new Date("2025-03-10T00:00:00Z"),
      label: "last 7 days",
    },
    dialogs: { new: 4, reopened: 1, closed: 3, unanswered: 1 },
    messages: { in: 8, out: 5 },
    firstResponse: { count: 4, medianSeconds: 1200, p90Seconds: 30780 },
    resolution: { count: 2, medianSeconds: 5400, p90Seconds: 6840 },
    operators: [
      {
        operatorId: 11,
        name: "Olivia",
        username: "olivia",
        messages: 2,
        dialogs: 2,
        firstResponses: 3,
        firstResponseMedianSeconds: 600,
        closed: 1,
      },
    ],
    byWeekday: Array.from({ length: 7 }, (_, day) => ({ messagesIn: day, newDialogs: 1 })),
    byHour: Array.from({ length: 24 }, (_, hour) => ({ messagesIn: hour % 5, newDialogs: 0 })),
  };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe("the /stats chart", () => {
  test("renders to a PNG with the signature and a chat-sized IHDR", async () => {
    const png = await renderChartPng(statsChartSpec(someStats(), "main"));
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    expect(new TextDecoder().decode(png.subarray(12, 16))).toBe("IHDR");
    const width = view.getUint32(16);
    const height = view.getUint32(20);
    expect(width).toBeGreaterThan(600);
    expect(width).toBeLessThan(1400);
    expect(height).toBeGreaterThan(300);
    expect(height).toBeLessThan(1000);
  });

  test("the picture carries the titles, the period and the operators", async () => {
    const svg = await renderChartSvg(statsChartSpec(someStats(), "main"));
    for (const text of [
      "main · last 7 days",
      "Client messages by hour (UTC)",
      "Messages per operator",
      "Olivia (@olivia)",
    ]) {
      expect(svg).toContain(text);
    }
  });

  test("a period without operators still renders", async () => {
    const stats = { ...someStats(), operators: [] };
    const svg = await renderChartSvg(statsChartSpec(stats, "main"));
    expect(svg).toContain("nobody yet");
  });
});
