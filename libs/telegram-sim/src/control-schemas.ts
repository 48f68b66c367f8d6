/** JSON schemas of the /sim/ control routes (fastify validates bodies, params and query strings). */

const int = { type: "integer" } as const;
const str = { type: "string" } as const;
const nonEmpty = { type: "string", minLength: 1 } as const;

const memberProperties = {
  userId: int,
  status: { enum: ["creator", "administrator", "member"] },
  canManageTopics: { type: "boolean" },
  canRestrictMembers: { type: "boolean" },
  canDeleteMessages: { type: "boolean" },
  canPinMessages: { type: "boolean" },
} as const;

export const memberSchema = {
  type: "object",
  required: ["userId", "status"],
  additionalProperties: false,
  properties: memberProperties,
} as const;

/** Either the private chat with a bot (botId) or a group (chatId, optional threadId). */
const targetProperties = {
  userId: int,
  botId: int,
  chatId: int,
  threadId: int,
  replyToMessageId: int,
} as const;
const oneTarget = [{ required: ["botId"] }, { required: ["chatId"] }] as const;

export const schemas = {
  user: {
    type: "object",
    required: ["firstName"],
    additionalProperties: false,
    properties: {
      firstName: nonEmpty,
      lastName: str,
      username: { type: "string", pattern: "^[A-Za-z0-9_]{3,32}$" },
      languageCode: str,
    },
  },
  bot: {
    type: "object",
    required: ["token", "username"],
    additionalProperties: false,
    properties: {
      token: nonEmpty,
      username: { type: "string", pattern: "^[A-Za-z0-9_]{3,32}$" },
      firstName: str,
    },
  },
  group: {
    type: "object",
    required: ["title", "members"],
    additionalProperties: false,
    properties: { title: nonEmpty, members: { type: "array", items: memberSchema } },
  },
  memberStatus: {
    type: "object",
    required: ["userId", "status"],
    additionalProperties: false,
    properties: {
      ...memberProperties,
      status: { enum: ["creator", "administrator", "member", "restricted", "left", "kicked"] },
    },
  },
  send: {
    type: "object",
    required: ["userId", "text"],
    additionalProperties: false,
    properties: { ...targetProperties, text: nonEmpty },
    oneOf: oneTarget,
  },
  album: {
    type: "object",
    required: ["userId", "items"],
    additionalProperties: false,
    properties: {
      ...targetProperties,
      items: {
        type: "array",
        minItems: 2,
        maxItems: 10,
        items: {
          type: "object",
          required: ["kind"],
          additionalProperties: false,
          properties: {
            kind: { enum: ["photo", "video", "document", "audio"] },
            caption: str,
            fileName: str,
          },
        },
      },
    },
    oneOf: oneTarget,
  },
  edit: {
    type: "object",
    required: ["userId", "chatId", "messageId"],
    additionalProperties: false,
    properties: { userId: int, chatId: int, messageId: int, text: nonEmpty, caption: str },
    oneOf: [{ required: ["text"] }, { required: ["caption"] }],
  },
  react: {
    type: "object",
    required: ["userId", "chatId", "messageId", "emojis"],
    additionalProperties: false,
    properties: { userId: int, chatId: int, messageId: int, emojis: { type: "array", items: str } },
  },
  block: {
    type: "object",
    required: ["userId", "botId", "blocked"],
    additionalProperties: false,
    properties: { userId: int, botId: int, blocked: { type: "boolean" } },
  },
  topic: {
    type: "object",
    required: ["userId", "name"],
    additionalProperties: false,
    properties: { userId: int, name: nonEmpty, iconColor: int },
  },
  chatParams: { type: "object", required: ["chatId"], properties: { chatId: int } },
  topicParams: {
    type: "object",
    required: ["chatId", "threadId"],
    properties: { chatId: int, threadId: int },
  },
  messagesQuery: { type: "object", additionalProperties: false, properties: { threadId: int, botId: int } },
  failNext: {
    type: "object",
    required: ["method", "errorCode"],
    additionalProperties: false,
    properties: {
      method: nonEmpty,
      errorCode: { enum: [400, 403, 429, 500, 502] },
      description: str,
      count: { type: "integer", minimum: 1 },
      retryAfter: { type: "integer", minimum: 1 },
      chatId: int,
    },
  },
  outage: {
    type: "object",
    additionalProperties: false,
    properties: { errorCode: { enum: [500, 502] }, delayMs: { type: "integer", minimum: 0 } },
  },
  advance: {
    type: "object",
    required: ["ms"],
    additionalProperties: false,
    properties: { ms: { type: "integer", minimum: 0 } },
  },
} as const;
