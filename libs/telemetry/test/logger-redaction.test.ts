import { Writable } from "node:stream";
import { createLogger, injectTraceparent, redactBotToken, startTelemetry } from "@topicdesk/telemetry";

const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_";
const BODY = "my card number is 4111 1111 1111 1111";

/** A logger whose lines are collected as parsed JSON objects. */
function capturedLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ service: "test-service", level: "debug", destination });
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, records };
}

describe("createLogger", () => {
  test("writes JSON lines with the service name, a level label and an ISO time", () => {
    const { logger, records } = capturedLogger();
    logger.info({ dialogId: 7 }, "dialog opened");
    expect(records()[0]).toMatchObject({
      service: "test-service",
      level: "info",
      dialogId: 7,
      msg: "dialog opened",
    });
    expect(String(records()[0]?.time)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
  });

  test("tokens, secrets and message bodies are redacted wherever a service logs them", () => {
    const { logger, lines, records } = capturedLogger();
    logger.info(
      {
        token: TOKEN,
        secretKey: "k".repeat(40),
        connection: {
          botToken: TOKEN,
          webhookSecret: "hook-secret-value",
          session: "mtproto-session-string",
        },
        event: { id: "main:1", message: { messageId: 5, text: BODY, caption: BODY } },
        job: { type: "text.send", text: BODY },
        request: {
          headers: { "x-telegram-bot-api-secret-token": "hook-secret-value", authorization: "Bearer abc" },
        },
        text: BODY,
      },
      "handled",
    );
    const line = lines.join("");
    for (const secret of [
      TOKEN,
      "kkkkkkkk",
      "hook-secret-value",
      "mtproto-session-string",
      BODY,
      "Bearer abc",
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(records()[0]).toMatchObject({
      token: "[redacted]",
      event: { id: "main:1", message: { messageId: 5, text: "[redacted]" } },
      request: { headers: { "x-telegram-bot-api-secret-token": "[redacted]" } },
    });
  });

  test("values inside arrays and under any spelling of a secret's name are redacted", () => {
    const { logger, lines, records } = capturedLogger();
    logger.info({
      updates: [{ message: { text: BODY } }, { message: { caption: BODY } }],
      webhook: { secret_token: "hook-secret-value" },
      contact: { phone_number: "+15550100" },
      messageIds: [1, 2, 3],
    });
    expect(lines.join("")).not.toMatch(/hook-secret-value|\+15550100|card number/);
    expect(records()[0]).toMatchObject({
      messageIds: [1, 2, 3],
      updates: [{ message: { text: "[redacted]" } }, { message: { caption: "[redacted]" } }],
    });
  });

  test("the request payload a Bot API error carries loses its text", () => {
    const { logger, lines } = capturedLogger();
    const error = Object.assign(new Error("Call to 'sendMessage' failed! (400: Bad Request)"), {
      method: "sendMessage",
      payload: { chat_id: -100123, text: BODY },
    });
    logger.error({ err: error }, "delivery failed");
    expect(lines.join("")).not.toContain(BODY);
    expect(lines.join("")).toContain("Call to 'sendMessage' failed!");
  });

  test("bot tokens in message strings, error messages and stacks are removed", () => {
    const { logger, lines } = capturedLogger();
    const url = `https://api.telegram.org/bot${TOKEN}/getMe`;
    const cause = new Error(`request to ${url} failed, reason: connect ECONNREFUSED`);
    logger.warn(`fetch ${url} failed`);
    logger.error({ err: new Error("Network request for 'getMe' failed!", { cause }) }, "call failed");
    const output = lines.join("");
    expect(output).not.toContain(TOKEN.split(":")[1]);
    expect(output).toContain("https://api.telegram.org/bot[redacted]/getMe");
  });

  test("bindings of child loggers are redacted too", () => {
    const { logger, lines } = capturedLogger();
    logger.child({ connection: { token: TOKEN } }).info("polling");
    expect(lines.join("")).not.toContain(TOKEN);
  });

  test("lines outside any span carry no trace ids", () => {
    const { logger, records } = capturedLogger();
    logger.info("idle");
    expect(records()[0]).not.toHaveProperty("trace_id");
    expect(records()[0]).not.toHaveProperty("span_id");
  });
});

describe("redactBotToken", () => {
  test.each([
    [
      `https://api.telegram.org/bot${TOKEN}/sendMessage`,
      "https://api.telegram.org/bot[redacted]/sendMessage",
    ],
    [
      `https://api.telegram.org/file/bot${TOKEN}/photos/file_1.jpg`,
      "https://api.telegram.org/file/bot[redacted]/photos/file_1.jpg",
    ],
    [`http://127.0.0.1:8081/bot${TOKEN}`, "http://127.0.0.1:8081/bot[redacted]"],
    [`a /bot${TOKEN}/x and /bot${TOKEN}/y`, "a /bot[redacted]/x and /bot[redacted]/y"],
    ["https://api.telegram.org/botfather", "https://api.telegram.org/botfather"],
    ["https://example.com/docs", "https://example.com/docs"],
  ])("%s becomes %s", (url, expected) => {
    expect(redactBotToken(url)).toBe(expected);
  });
});

describe("telemetry switched off", () => {
  test("startTelemetry without an OTLP endpoint starts nothing and shuts down at once", async () => {
    const previous = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    try {
      const telemetry = startTelemetry({ serviceName: "test-service" });
      await expect(telemetry.shutdown()).resolves.toBeUndefined();
      expect(injectTraceparent()).toBeUndefined();
    } finally {
      if (previous !== undefined) process.env.OTEL_EXPORTER_OTLP_ENDPOINT = previous;
    }
  });
});
