import { type Bus, connectBus } from "@topicdesk/bus";
import { type MtprotoCallRequest, mtprotoCallSubject } from "@topicdesk/contracts";
import { GrammyError, InputFile } from "grammy";
import { BlobInputFile } from "../src/transports/blob-input-file.ts";
import { createMtprotoDeliveryApi } from "../src/transports/mtproto-delivery-api.ts";

/**
 * What delivery's Bot API calls become on the MTProto call subject (real NATS; a subscriber plays
 * the session's owner and records each request).
 */
const prefix = `mda${process.pid}${Date.now().toString(36)}`;
let bus: Bus;
const requests: MtprotoCallRequest[] = [];

beforeAll(async () => {
  bus = await connectBus({ url: "nats://127.0.0.1:4222", name: "mtproto-delivery-api-test" });
  const subscription = bus.nc.subscribe(mtprotoCallSubject("acct", prefix));
  void (async () => {
    for await (const message of subscription) {
      requests.push(message.json<MtprotoCallRequest>());
      message.respond(JSON.stringify({ ok: true, result: { messageIds: [77] } }));
    }
  })();
});

afterAll(async () => {
  await bus.close();
});

const api = () => createMtprotoDeliveryApi({ nc: bus.nc, connectionId: "acct", subjectPrefix: prefix });

describe("delivery's calls over an MTProto session", () => {
  test("a blob file travels as its key, never as bytes", async () => {
    const bytes = new Uint8Array(2 * 1024 * 1024); // over NATS' default max_payload
    const file = new BlobInputFile(bytes, {
      key: "a".repeat(32),
      fileName: "export.csv",
      contentType: "text/csv",
    });
    const sent = await api().sendDocument(-1001, file, {
      message_thread_id: 5,
      caption: "*Export*",
      parse_mode: "MarkdownV2",
      reply_parameters: { message_id: 9 },
    });
    expect(sent).toEqual({ message_id: 77 });
    expect(requests.at(-1)?.operation).toEqual({
      op: "file.send",
      chatId: -1001,
      as: "document",
      file: { kind: "blob", key: "a".repeat(32), fileName: "export.csv", contentType: "text/csv" },
      caption: "*Export*",
      parseMode: "MarkdownV2",
      threadId: 5,
      replyTo: 9,
    });
  });

  test("a URL is passed on for Telegram to fetch", async () => {
    await api().sendPhoto(42, "https://example.com/chart.png");
    expect(requests.at(-1)?.operation).toEqual({
      op: "file.send",
      chatId: 42,
      as: "photo",
      file: { kind: "url", url: "https://example.com/chart.png" },
    });
  });

  test("a Bot API file_id or a file without a blob key is refused with a 400, without a call", async () => {
    const before = requests.length;
    for (const file of ["AgACAgIAAxkBAAIB", new InputFile(new Uint8Array([1]), "x.bin")]) {
      const refusal = await api()
        .sendDocument(42, file)
        .catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(GrammyError);
      expect((refusal as GrammyError).error_code).toBe(400);
    }
    expect(requests.length).toBe(before);
  });

  test("inline URL buttons go along with a text", async () => {
    await api().sendMessage(42, "Hi", {
      reply_markup: { inline_keyboard: [[{ text: "Site", url: "https://example.com" }]] },
    });
    expect(requests.at(-1)?.operation).toEqual({
      op: "text.send",
      chatId: 42,
      text: "Hi",
      buttons: [[{ text: "Site", url: "https://example.com" }]],
    });
  });
});
