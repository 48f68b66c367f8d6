import { InputFile } from "grammy";
import { startWorld, type World } from "./support.ts";

/** A 3×2 PNG header: signature, then the IHDR chunk with width 3 and height 2 (enough for pngSize). */
function tinyPngHeader(): Uint8Array {
  return new Uint8Array([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 3, 0, 0, 0,
    2, 8, 6, 0, 0, 0,
  ]);
}

describe("files a bot uploads", () => {
  let w: World;
  beforeEach(async () => {
    w = await startWorld();
  });
  afterEach(async () => {
    await w.sim.close();
  });

  test("an uploaded document keeps its name, size and bytes, readable with fileContent", async () => {
    const topic = await w.api.createForumTopic(w.groupId, "Reports");
    const bytes = new TextEncoder().encode("\uFEFFid,name\n1,Jane\n");
    const sent = await w.api.sendDocument(w.groupId, new InputFile(bytes, "export.csv"), {
      message_thread_id: topic.message_thread_id,
      caption: "Export",
    });
    expect(sent.document).toMatchObject({
      file_name: "export.csv",
      mime_type: "text/csv",
      file_size: bytes.length,
    });
    const [shown] = w.sim.messages(w.groupId, { threadId: topic.message_thread_id }).slice(-1);
    expect(shown?.caption).toBe("Export");
    const content = w.sim.fileContent(shown?.document?.file_id ?? "");
    expect(content?.fileName).toBe("export.csv");
    expect(Buffer.from(content?.bytes ?? []).equals(Buffer.from(bytes))).toBe(true);
  });

  test("an uploaded PNG photo shows its real dimensions as the largest size", async () => {
    const sent = await w.api.sendPhoto(w.groupId, new InputFile(tinyPngHeader(), "chart.png"));
    const largest = sent.photo?.at(-1);
    expect(largest).toMatchObject({ width: 3, height: 2, file_size: tinyPngHeader().length });
    expect(w.sim.fileContent(largest?.file_id ?? "")?.bytes.subarray(1, 4)).toEqual(
      new TextEncoder().encode("PNG"),
    );
  });

  test("files sent by URL or file_id have no bytes to read", async () => {
    const sent = await w.api.sendDocument(w.groupId, "https://example.com/report.pdf");
    expect(sent.document?.file_name).toBe("report.pdf");
    expect(w.sim.fileContent(sent.document?.file_id ?? "")).toBeUndefined();
  });
});
