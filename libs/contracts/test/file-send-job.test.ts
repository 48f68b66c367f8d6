import { type DeliveryJob, deliveryJobValidator } from "../src/index.ts";

const base = { v: 1, id: "evt.0", connectionId: "main", type: "file.send" } as const;

describe("the file.send delivery job", () => {
  test("a blob sent as a document into a backend topic, and a URL sent as a photo to a client, are valid", () => {
    const blob: DeliveryJob = {
      ...base,
      target: { kind: "backend", threadId: 7 },
      file: {
        kind: "blob",
        key: "0123456789abcdef0123456789abcdef",
        fileName: "export.csv",
        contentType: "text/csv",
      },
      as: "document",
      caption: "📄 3 dialogs",
      replyToMessageId: 12,
    };
    const url: DeliveryJob = {
      ...base,
      dialogId: 4,
      target: { kind: "client" },
      file: { kind: "url", url: "https://example.com/a.png" },
      as: "photo",
    };
    expect(deliveryJobValidator.Check(blob)).toBe(true);
    expect(deliveryJobValidator.Check(url)).toBe(true);
  });

  test.each([
    ["a file without a source kind", { file: { url: "https://example.com/a.png" } }],
    ["a non-http URL", { file: { kind: "url", url: "file:///etc/passwd" } }],
    ["a blob without a file name", { file: { kind: "blob", key: "k", contentType: "text/csv" } }],
    ["an unknown way to show it", { as: "sticker" }],
    ["an empty caption", { caption: "" }],
  ])("%s is refused", (_, change) => {
    const job = {
      ...base,
      target: { kind: "backend" },
      file: { kind: "url", url: "https://example.com/a.png" },
      as: "document",
      ...change,
    };
    expect(deliveryJobValidator.Check(job)).toBe(false);
  });
});
