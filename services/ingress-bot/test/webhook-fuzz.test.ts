import type { ReactionTypeEmoji, Update } from "@grammyjs/types";
import { inboundEventValidator } from "@topicdesk/contracts";
import { createTestDatabase, type TestDatabase } from "@topicdesk/db";
import fc from "fast-check";
import type { FastifyInstance, InjectOptions } from "fastify";
import { normalizeUpdate } from "../src/normalize/normalize-update.ts";
import {
  createBotConnection,
  createTestBus,
  SECRET_HEADER,
  type TestBus,
  webhookApp,
} from "./ingress-fixtures.ts";
import {
  aClientMessage,
  anOperatorTopicMessage,
  CLIENT,
  media,
  messageUpdate,
  PRIVATE_CHAT,
} from "./update-factories.ts";

/**
 * Whatever arrives at the webhook, the server answers with one of the documented codes and
 * publishes only valid updates from Telegram. NATS is up here, so 503 is never a right answer.
 * 404 is right for a path that is no webhook at all: a connection id of "." or ".." makes the
 * URL normalize to another path.
 */
const DOCUMENTED_ANSWERS = [200, 400, 401, 413, 415];
const ANSWERS_TO_RANDOM_PATHS = [...DOCUMENTED_ANSWERS, 404];
const RUNS = 300;

let testDb: TestDatabase;
let testBus: TestBus;
let app: FastifyInstance;
let connection: { id: string; secret: string };

beforeAll(async () => {
  [testDb, testBus] = await Promise.all([createTestDatabase(), createTestBus("ingress-fuzz")]);
  app = await webhookApp(testDb.db, testBus.bus, testBus.naming);
  connection = await createBotConnection(testDb);
});

afterAll(async () => {
  await app?.close();
  await testBus?.cleanup();
  await testDb?.drop();
});

/** Answers the request and counts what it added to the stream. */
async function send(request: InjectOptions): Promise<{ status: number; published: number }> {
  const before = await testBus.storedEvents();
  const response = await app.inject(request);
  return { status: response.statusCode, published: (await testBus.storedEvents()) - before };
}

/** The test's own idea of a valid update: an update id Telegram could issue and an event the contract accepts. */
function wouldPublish(body: unknown): boolean {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return false;
  const updateId = (body as { update_id?: unknown }).update_id;
  if (typeof updateId !== "number" || !Number.isSafeInteger(updateId) || updateId < 0) return false;
  try {
    const event = normalizeUpdate(connection.id, body as Update, Date.now());
    return event !== undefined && inboundEventValidator.Check(event);
  } catch {
    return false;
  }
}

const headerValue = fc.string({ maxLength: 40 }).filter((value) => /^[\x20-\x7e]*$/.test(value));
const contentType = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/octet-stream",
);
/** Connection ids: the real one, plausible ones, and control characters or emoji (encoded, under the URL limits). */
const connectionSegment = fc.oneof(
  fc.constant("__known__"),
  fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,39}$/),
  fc.string({ maxLength: 20, unit: "binary-ascii" }),
  fc.string({
    maxLength: 12,
    unit: fc.constantFrom("\u0000", "\n", "%", "/", "?", "#", ".", "a", "-", "Z", "é"),
  }),
  fc.string({ maxLength: 8, unit: "binary" }),
);
/** Bodies: a real update (so only the secret or path is wrong), random JSON, bytes and text. */
const bodyBytes = fc.oneof(
  fc.constant(null).map(() => JSON.stringify(messageUpdate(aClientMessage({ text: "forged?" })))),
  fc.jsonValue().map((value) => JSON.stringify(value) ?? "null"),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  fc.string({ maxLength: 300, unit: "binary" }),
);

describe("the webhook under random input", () => {
  test("random paths, headers and bodies are answered with documented codes and publish nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        connectionSegment,
        fc.option(headerValue),
        contentType,
        fc.dictionary(fc.stringMatching(/^x-[a-z]{1,12}$/), headerValue, { maxKeys: 3 }),
        bodyBytes,
        async (segment, secret, type, extraHeaders, payload) => {
          const connectionId = segment === "__known__" ? connection.id : segment;
          const { status, published } = await send({
            method: "POST",
            url: `/telegram/${encodeURIComponent(connectionId)}`,
            headers: {
              ...extraHeaders,
              "content-type": type,
              ...(secret === null ? {} : { [SECRET_HEADER]: secret }),
            },
            payload,
          });
          expect(ANSWERS_TO_RANDOM_PATHS).toContain(status);
          expect(published).toBe(0);
        },
      ),
      { numRuns: RUNS },
    );
  });

  test("random JSON from the real connection is refused or dropped, never a server error", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (body) => {
        expectConsistentAnswer(body, await send(authenticated(body)));
      }),
      { numRuns: RUNS },
    );
  });

  test("updates with random holes and wrong types are refused or stored, never a server error", async () => {
    let nextUpdateId = 500_000;
    await fc.assert(
      fc.asyncProperty(
        mangledUpdate(() => nextUpdateId++),
        async (body) => {
          expectConsistentAnswer(body, await send(authenticated(body)));
        },
      ),
      { numRuns: RUNS },
    );
  });

  test("valid updates with random texts, ids and names are all stored", async () => {
    let nextUpdateId = 900_000;
    await fc.assert(
      fc.asyncProperty(
        validUpdate(() => nextUpdateId++),
        async (body) => {
          expect(await send(authenticated(body))).toEqual({ status: 200, published: 1 });
        },
      ),
      { numRuns: 100 },
    );
  });
});

/**
 * What an authenticated body may get: a documented answer; at most one stored event, and only for a
 * valid update answered with 200; and a 200 for a valid update means it was stored.
 */
function expectConsistentAnswer(body: unknown, { status, published }: { status: number; published: number }) {
  expect(DOCUMENTED_ANSWERS).toContain(status);
  expect([0, 1]).toContain(published);
  if (published === 1) {
    expect(status).toBe(200);
    expect(wouldPublish(body)).toBe(true);
  }
  if (status === 200 && wouldPublish(body)) expect(published).toBe(1);
}

function authenticated(body: unknown): InjectOptions {
  return {
    method: "POST",
    url: `/telegram/${connection.id}`,
    headers: { "content-type": "application/json", [SECRET_HEADER]: connection.secret },
    payload: JSON.stringify(body) ?? "null",
  };
}

/** Updates as Telegram sends them, with random ids, names, texts and reactions. */
function validUpdate(freshUpdateId: () => number): fc.Arbitrary<Update> {
  const user = fc.record(
    {
      id: fc.integer({ min: 1, max: 2 ** 52 }),
      is_bot: fc.constant(false),
      first_name: fc.string({ minLength: 1, maxLength: 64, unit: "grapheme" }),
      username: fc.stringMatching(/^[a-z][a-z0-9_]{4,31}$/),
    },
    { requiredKeys: ["id", "is_bot", "first_name"] },
  );
  const text = fc.string({ minLength: 1, maxLength: 500, unit: "grapheme" });
  const privateMessage = fc
    .tuple(user, text, fc.nat(), fc.boolean())
    .map(([from, body, messageId, asCaption]) => {
      const chat = { id: from.id, type: "private" as const, first_name: from.first_name };
      const content = asCaption ? { photo: media.photo, caption: body } : { text: body };
      return { message_id: messageId, date: 1_790_000_000, chat, from, ...content };
    });
  const topicMessage = fc
    .tuple(text, fc.integer({ min: 2, max: 1_000_000 }))
    .map(([body, threadId]) => anOperatorTopicMessage({ text: body, message_thread_id: threadId }));
  const emojis = fc.array(fc.constantFrom("👍", "🔥", "❤", "🎉"), { maxLength: 3 });
  return fc.oneof(
    privateMessage.map((message) => ({ update_id: freshUpdateId(), message }) as Update),
    topicMessage.map((message) => ({ update_id: freshUpdateId(), message }) as Update),
    privateMessage.map(
      (message) =>
        ({ update_id: freshUpdateId(), edited_message: { ...message, edit_date: 1_790_000_001 } }) as Update,
    ),
    fc.tuple(user, emojis).map(
      ([from, list]): Update => ({
        update_id: freshUpdateId(),
        message_reaction: {
          chat: { id: from.id, type: "private", first_name: from.first_name },
          message_id: 1,
          user: from,
          date: 1_790_000_000,
          old_reaction: [],
          new_reaction: list.map((emoji) => ({ type: "emoji", emoji }) as ReactionTypeEmoji),
        },
      }),
    ),
  );
}

/** Realistic updates in which any field may be missing, replaced by a random JSON value or kept. */
function mangledUpdate(freshUpdateId: () => number): fc.Arbitrary<Record<string, unknown>> {
  const sample = <T>(value: T) => fc.constant(value);
  const messages = [
    aClientMessage({ text: "hello" }),
    aClientMessage({ photo: media.photo, caption: "invoice", media_group_id: "77" }),
    aClientMessage({ contact: { phone_number: "+491511234", first_name: "Jane", user_id: CLIENT.id } }),
    anOperatorTopicMessage(),
  ];
  const message = fc
    .constantFrom(...messages)
    .chain((base) => mangle(base as unknown as Record<string, unknown>));
  const chat = mangle(PRIVATE_CHAT as unknown as Record<string, unknown>);
  const reaction = fc.record({
    chat,
    message_id: fc.oneof(sample(17), fc.jsonValue()),
    user: fc.oneof(sample(CLIENT), fc.jsonValue()),
    date: sample(1_790_000_000),
    old_reaction: sample([]),
    new_reaction: fc.oneof(sample([{ type: "emoji", emoji: "👍" }]), fc.jsonValue()),
  });
  const member = fc.record({
    chat,
    from: fc.oneof(sample(CLIENT), fc.jsonValue()),
    date: sample(1_790_000_000),
    new_chat_member: fc.oneof(sample({ status: "kicked", until_date: 0 }), fc.jsonValue()),
  });
  const updateId = fc.oneof(
    { weight: 4, arbitrary: fc.constant(null).map(() => freshUpdateId()) },
    { weight: 1, arbitrary: fc.jsonValue() },
  );
  return fc.oneof(
    fc.record({ update_id: updateId, message }),
    fc.record({ update_id: updateId, edited_message: message }),
    fc.record({ update_id: updateId, channel_post: message }),
    fc.record({ update_id: updateId, message_reaction: reaction }),
    fc.record({ update_id: updateId, my_chat_member: member }),
  );
}

/** Each field of `base` is kept (often), dropped or replaced by random JSON; nested objects one level deep too. */
function mangle(base: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.fromEntries(
    Object.entries(base).map(([key, value]) => {
      const replaced =
        typeof value === "object" && value !== null && !Array.isArray(value)
          ? fc.oneof(
              { weight: 3, arbitrary: fc.constant(value) },
              { weight: 1, arbitrary: mangleShallow(value as Record<string, unknown>) },
              { weight: 1, arbitrary: fc.jsonValue() },
            )
          : fc.oneof({ weight: 6, arbitrary: fc.constant(value) }, { weight: 1, arbitrary: fc.jsonValue() });
      return [key, fc.option(replaced, { freq: 8, nil: undefined })];
    }),
  );
  return fc.record(fields).map((record) => JSON.parse(JSON.stringify(record)) as Record<string, unknown>);
}

function mangleShallow(base: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.fromEntries(
    Object.entries(base).map(([key, value]) => [
      key,
      fc.option(
        fc.oneof({ weight: 4, arbitrary: fc.constant(value) }, { weight: 1, arbitrary: fc.jsonValue() }),
        {
          freq: 8,
          nil: undefined,
        },
      ),
    ]),
  );
  return fc.record(fields).map((record) => JSON.parse(JSON.stringify(record)) as Record<string, unknown>);
}
