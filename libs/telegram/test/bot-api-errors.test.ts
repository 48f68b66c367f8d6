import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { classifyTelegramError, createBotApi, type TelegramFailure } from "@topicdesk/telegram";
import { HttpError } from "grammy";

const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_";

type Answer = { status: number; body: string };

function json(status: number, body: object): Answer {
  return { status, body: JSON.stringify(body) };
}

/** What the stand-in Bot API server answers to sendMessage, chosen by chat id. */
const answers: Record<string, Answer> = {
  "1": json(200, {
    ok: true,
    result: { message_id: 10, date: 0, chat: { id: 1, type: "private" }, text: "hi" },
  }),
  "429": json(429, {
    ok: false,
    error_code: 429,
    description: "Too Many Requests: retry after 3",
    parameters: { retry_after: 3 },
  }),
  "403": json(403, { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" }),
  "400": json(400, { ok: false, error_code: 400, description: "Bad Request: message thread not found" }),
  "502": json(502, { ok: false, error_code: 502, description: "Bad Gateway" }),
  // A proxy in front of the Bot API answers an HTML page, which is not JSON at all.
  "503": { status: 503, body: "<html><body><h1>503 Service Unavailable</h1></body></html>" },
};

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (!request.url?.startsWith(`/bot${TOKEN}/`)) {
    response.writeHead(401, { "content-type": "application/json" });
    response.end(JSON.stringify({ ok: false, error_code: 401, description: "Unauthorized" }));
    return;
  }
  const { chat_id: chatId } = JSON.parse(await readBody(request)) as { chat_id: number };
  if (chatId === 0) return; // never answers: the client's timeout must fire
  const reply = answers[String(chatId)] ?? json(500, { ok: false, error_code: 500, description: "unknown" });
  response.writeHead(reply.status, { "content-type": "application/json" });
  response.end(reply.body);
}

describe("the real grammY Api against a local Bot API server", () => {
  const server = createServer((request, response) => {
    answer(request, response).catch((error: unknown) => response.destroy(error as Error));
  });
  let apiRoot = "";

  beforeAll(async () => {
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    server.close();
  });

  /** The failure classified from sending to `chatId`, or undefined when the call succeeded. */
  async function failureOf(
    chatId: number,
    token = TOKEN,
    timeoutMs = 5000,
  ): Promise<TelegramFailure | undefined> {
    try {
      await createBotApi(token, { apiRoot, timeoutMs }).sendMessage(chatId, "hi");
      return undefined;
    } catch (error) {
      return classifyTelegramError(error);
    }
  }

  test("a successful call returns Telegram's result through the configured API root", async () => {
    const message = await createBotApi(TOKEN, { apiRoot }).sendMessage(1, "hi");
    expect(message.message_id).toBe(10);
  });

  test("a 429 answer is classified as rate-limited with its retry_after", async () => {
    expect(await failureOf(429)).toEqual({
      kind: "rate-limited",
      retryAfterSeconds: 3,
      description: "Too Many Requests: retry after 3",
    });
  });

  test("a 403 answer is classified as forbidden because the user blocked the bot", async () => {
    expect(await failureOf(403)).toMatchObject({ kind: "forbidden", reason: "blocked" });
  });

  test("a 400 answer is classified as a bad request naming the missing thread", async () => {
    expect(await failureOf(400)).toMatchObject({ kind: "bad-request", reason: "thread-not-found" });
  });

  test("a 502 answer is transient", async () => {
    expect(await failureOf(502)).toEqual({ kind: "transient", description: "Bad Gateway" });
  });

  test("an HTML error page from a proxy is transient", async () => {
    expect(await failureOf(503)).toMatchObject({ kind: "transient" });
  });

  test("a call that outlives the timeout is transient", async () => {
    const started = Date.now();
    expect(await failureOf(0, TOKEN, 300)).toMatchObject({ kind: "transient" });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  test("a wrong token is unauthorized and its description does not quote the token", async () => {
    const failure = await failureOf(1, "42:wrong-token-wrong-token-wrong-token-xx");
    expect(failure).toEqual({ kind: "unauthorized", description: "Unauthorized" });
  });

  test("an unreachable server is transient and the description does not quote the token", async () => {
    const closed = createServer();
    closed.listen(0, "127.0.0.1");
    await once(closed, "listening");
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, "close");
    const error = await createBotApi(TOKEN, { apiRoot: `http://127.0.0.1:${port}` })
      .getMe()
      .then(
        () => undefined,
        (rejection: unknown) => rejection,
      );
    expect(error).toBeInstanceOf(HttpError);
    const failure = classifyTelegramError(error);
    expect(failure.kind).toBe("transient");
    expect(JSON.stringify(failure)).not.toContain(TOKEN);
  });
});
