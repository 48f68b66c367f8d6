import { classifyTelegramError, retryDelayMs, type TelegramFailure } from "@topicdesk/telegram";
import { GrammyError, HttpError } from "grammy";

/** A GrammyError built the way grammY's toGrammyError builds it from a Bot API answer. */
function apiError(error_code: number, description: string, parameters?: { retry_after?: number }) {
  const method = "sendMessage";
  return new GrammyError(
    `Call to '${method}' failed!`,
    { ok: false, error_code, description, ...(parameters ? { parameters } : {}) },
    method,
    { chat_id: -1001234567890, text: "hello" },
  );
}

/** An HttpError built the way grammY's toHttpError builds it when the request itself fails. */
function networkError(cause: unknown) {
  return new HttpError("Network request for 'sendMessage' failed!", cause);
}

describe("classifyTelegramError", () => {
  test("a 429 is rate-limited for the seconds Telegram asked", () => {
    const failure = classifyTelegramError(
      apiError(429, "Too Many Requests: retry after 17", { retry_after: 17 }),
    );
    expect(failure).toEqual({
      kind: "rate-limited",
      retryAfterSeconds: 17,
      description: "Too Many Requests: retry after 17",
    });
  });

  test("a 429 without retry_after still waits a second rather than hammering", () => {
    expect(classifyTelegramError(apiError(429, "Too Many Requests"))).toMatchObject({ retryAfterSeconds: 1 });
  });

  test.each<[string, string]>([
    ["Forbidden: bot was blocked by the user", "blocked"],
    ["Forbidden: bot was kicked from the supergroup chat", "kicked"],
    ["Forbidden: bot was kicked from the group chat", "kicked"],
    ["Forbidden: bot is not a member of the supergroup chat", "kicked"],
    ["Forbidden: user is deactivated", "deactivated"],
    ["Forbidden: bot can't initiate conversation with a user", "other"],
  ])("403 %j is forbidden because %s", (description, reason) => {
    expect(classifyTelegramError(apiError(403, description))).toEqual({
      kind: "forbidden",
      reason,
      description,
    });
  });

  test.each<[string, string]>([
    ["Bad Request: message thread not found", "thread-not-found"],
    ["Bad Request: TOPIC_ID_INVALID", "thread-not-found"],
    ["Bad Request: TOPIC_DELETED", "thread-not-found"],
    ["Bad Request: chat not found", "chat-not-found"],
    ["Bad Request: message to copy not found", "message-not-found"],
    ["Bad Request: message to forward not found", "message-not-found"],
    ["Bad Request: message to edit not found", "message-not-found"],
    ["Bad Request: message to be replied not found", "message-not-found"],
    ["Bad Request: MESSAGE_ID_INVALID", "message-not-found"],
    [
      "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
      "message-not-modified",
    ],
    ["Bad Request: TOPIC_CLOSED", "topic-closed"],
    ["Bad Request: not enough rights to send text messages to the chat", "not-enough-rights"],
    ["Bad Request: not enough rights to create a topic", "not-enough-rights"],
    ["Bad Request: CHAT_ADMIN_REQUIRED", "not-enough-rights"],
    ["Bad Request: message text is empty", "other"],
  ])("400 %j is a bad request because %s", (description, reason) => {
    expect(classifyTelegramError(apiError(400, description))).toEqual({
      kind: "bad-request",
      reason,
      description,
    });
  });

  test("a 401 means the token is wrong or revoked", () => {
    expect(classifyTelegramError(apiError(401, "Unauthorized"))).toEqual({
      kind: "unauthorized",
      description: "Unauthorized",
    });
  });

  test.each<[number, string]>([
    [500, "Internal Server Error"],
    [502, "Bad Gateway"],
    [504, "Gateway Timeout"],
    [
      409,
      "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
    ],
  ])("a %i answer is transient", (code, description) => {
    expect(classifyTelegramError(apiError(code, description))).toEqual({ kind: "transient", description });
  });

  test("another 4xx is a permanent bad request", () => {
    expect(classifyTelegramError(apiError(404, "Not Found"))).toEqual({
      kind: "bad-request",
      reason: "other",
      description: "Not Found",
    });
  });

  test("network failures and timeouts wrapped by grammY are transient", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8081"), { code: "ECONNREFUSED" });
    expect(classifyTelegramError(networkError(refused))).toEqual({
      kind: "transient",
      description: "Network request for 'sendMessage' failed!",
    });
    const timeout = networkError(new Error("Request to 'sendMessage' timed out after 30 seconds"));
    expect(classifyTelegramError(timeout).kind).toBe("transient");
  });

  test("an error from outside the Bot API call is transient, so the work is retried", () => {
    expect(classifyTelegramError(new TypeError("x is undefined"))).toEqual({
      kind: "transient",
      description: "x is undefined",
    });
    expect(classifyTelegramError("boom")).toEqual({ kind: "transient", description: "boom" });
  });
});

describe("retryDelayMs", () => {
  const transient: TelegramFailure = { kind: "transient", description: "Bad Gateway" };

  test("a rate-limited call waits exactly retry_after", () => {
    const failure: TelegramFailure = { kind: "rate-limited", retryAfterSeconds: 17, description: "" };
    expect(retryDelayMs(failure, 1)).toBe(17_000);
    expect(retryDelayMs(failure, 5)).toBe(17_000);
  });

  test("transient failures back off exponentially between half and all of the step", () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(transient, attempt, () => 0))).toEqual([
      250, 500, 1000, 2000,
    ]);
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(transient, attempt, () => 0.999_999))).toEqual([
      500, 1000, 2000, 4000,
    ]);
  });

  test("transient backoff never exceeds 30 seconds", () => {
    expect(retryDelayMs(transient, 10, () => 0.999_999)).toBe(30_000);
    expect(retryDelayMs(transient, 1000, () => 0.999_999)).toBe(30_000);
  });

  test("jitter spreads the retries of workers that failed together", () => {
    const delays = new Set(Array.from({ length: 20 }, () => retryDelayMs(transient, 5)));
    expect(delays.size).toBeGreaterThan(1);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(4000);
      expect(delay).toBeLessThanOrEqual(8000);
    }
  });

  test.each<TelegramFailure>([
    { kind: "forbidden", reason: "blocked", description: "" },
    { kind: "bad-request", reason: "chat-not-found", description: "" },
    { kind: "unauthorized", description: "" },
  ])("a permanent $kind failure is not retried", (failure) => {
    expect(retryDelayMs(failure, 1)).toBeUndefined();
  });
});
