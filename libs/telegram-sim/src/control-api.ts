import type { FastifyInstance } from "fastify";
import { memberSchema, schemas } from "./control-schemas.ts";
import type {
  SimAlbumItem,
  SimFailure,
  SimMemberSpec,
  SimMemberStatus,
  SimOutage,
  SimTarget,
  TelegramSim,
} from "./types.ts";

/**
 * HTTP control routes under /sim/ so a CLI (or another process) can play clients and operators
 * against a running simulator. Thin JSON wrappers over the in-process API; inputs are checked by
 * JSON schemas (400 with the failing field), SimErrors become 400 with their message.
 */

interface TargetBody {
  userId: number;
  botId?: number;
  chatId?: number;
  threadId?: number;
  replyToMessageId?: number;
}

function targetOf(body: TargetBody): SimTarget {
  if (body.botId !== undefined) return { botId: body.botId };
  return { chatId: body.chatId ?? 0, ...(body.threadId !== undefined ? { threadId: body.threadId } : {}) };
}

function albumItem(item: {
  kind: "photo" | "video" | "document" | "audio";
  caption?: string;
  fileName?: string;
}): SimAlbumItem {
  const spec = item.fileName ? { fileName: item.fileName } : true;
  const caption = item.caption !== undefined ? { caption: item.caption } : {};
  switch (item.kind) {
    case "photo":
      return { photo: true, ...caption };
    case "video":
      return { video: spec, ...caption };
    case "document":
      return { document: spec, ...caption };
    case "audio":
      return { audio: spec, ...caption };
  }
}

export function registerControlApi(app: FastifyInstance, sim: TelegramSim): void {
  app.post<{ Body: { firstName: string; lastName?: string; username?: string; languageCode?: string } }>(
    "/sim/users",
    { schema: { body: schemas.user } },
    async (request) => sim.createUser(request.body),
  );

  app.post<{ Body: { token: string; username: string; firstName?: string } }>(
    "/sim/bots",
    { schema: { body: schemas.bot } },
    async (request) => sim.createBot(request.body),
  );

  app.post<{ Body: { title: string; members: SimMemberSpec[] } }>(
    "/sim/groups",
    { schema: { body: schemas.group } },
    async (request) => sim.createForumGroup(request.body),
  );

  app.post<{ Params: { chatId: number }; Body: SimMemberSpec }>(
    "/sim/groups/:chatId/members",
    { schema: { params: schemas.chatParams, body: memberSchema } },
    async (request) => {
      sim.addMember(request.params.chatId, request.body);
      return { ok: true };
    },
  );

  app.put<{
    Params: { chatId: number };
    Body: {
      userId: number;
      status: SimMemberStatus;
      canManageTopics?: boolean;
      canRestrictMembers?: boolean;
      canDeleteMessages?: boolean;
      canPinMessages?: boolean;
    };
  }>(
    "/sim/groups/:chatId/members",
    { schema: { params: schemas.chatParams, body: schemas.memberStatus } },
    async (request) => {
      const { userId, status, ...rights } = request.body;
      sim.setMemberStatus(request.params.chatId, userId, status, rights);
      return { ok: true };
    },
  );

  app.post<{ Body: TargetBody & { text: string } }>(
    "/sim/send",
    { schema: { body: schemas.send } },
    async (request) => {
      const { text, replyToMessageId } = request.body;
      return sim.sendAsUser(request.body.userId, targetOf(request.body), {
        text,
        ...(replyToMessageId !== undefined ? { replyToMessageId } : {}),
      });
    },
  );

  app.post<{
    Body: TargetBody & {
      items: Array<{ kind: "photo" | "video" | "document" | "audio"; caption?: string; fileName?: string }>;
    };
  }>("/sim/album", { schema: { body: schemas.album } }, async (request) => {
    const { replyToMessageId } = request.body;
    return sim.sendAlbumAsUser(
      request.body.userId,
      targetOf(request.body),
      request.body.items.map(albumItem),
      replyToMessageId !== undefined ? { replyToMessageId } : {},
    );
  });

  app.post<{ Body: { userId: number; chatId: number; messageId: number; text?: string; caption?: string } }>(
    "/sim/edit",
    { schema: { body: schemas.edit } },
    async (request) => {
      const { userId, chatId, messageId, text, caption } = request.body;
      return sim.editAsUser(
        userId,
        chatId,
        messageId,
        text !== undefined ? { text } : { caption: caption ?? "" },
      );
    },
  );

  app.post<{ Body: { userId: number; chatId: number; messageId: number; emojis: string[] } }>(
    "/sim/react",
    { schema: { body: schemas.react } },
    async (request) => {
      const { userId, chatId, messageId, emojis } = request.body;
      return sim.reactAsUser(userId, chatId, messageId, emojis);
    },
  );

  app.post<{ Body: { userId: number; botId: number; blocked: boolean } }>(
    "/sim/block",
    { schema: { body: schemas.block } },
    async (request) => {
      const { userId, botId, blocked } = request.body;
      if (blocked) sim.blockBot(userId, botId);
      else sim.unblockBot(userId, botId);
      return { ok: true };
    },
  );

  app.get<{ Params: { chatId: number }; Querystring: { threadId?: number; botId?: number } }>(
    "/sim/chats/:chatId/messages",
    { schema: { params: schemas.chatParams, querystring: schemas.messagesQuery } },
    async (request) => sim.messages(request.params.chatId, request.query),
  );

  app.get<{ Params: { chatId: number } }>(
    "/sim/chats/:chatId/topics",
    { schema: { params: schemas.chatParams } },
    async (request) => sim.topics(request.params.chatId),
  );

  app.post<{ Params: { chatId: number }; Body: { userId: number; name: string; iconColor?: number } }>(
    "/sim/chats/:chatId/topics",
    { schema: { params: schemas.chatParams, body: schemas.topic } },
    async (request) => {
      const { userId, ...input } = request.body;
      return sim.createTopicAsUser(userId, request.params.chatId, input);
    },
  );

  app.delete<{ Params: { chatId: number; threadId: number } }>(
    "/sim/chats/:chatId/topics/:threadId",
    { schema: { params: schemas.topicParams } },
    async (request) => {
      sim.deleteTopicAsUser(request.params.chatId, request.params.threadId);
      return { ok: true };
    },
  );

  app.get("/sim/state", async () => sim.summary());
  app.get("/sim/stats", async () => sim.stats());

  app.post<{ Body: { method: string } & SimFailure }>(
    "/sim/faults/fail-next",
    { schema: { body: schemas.failNext } },
    async (request) => {
      const { method, ...failure } = request.body;
      sim.failNext(method, failure);
      return { ok: true };
    },
  );

  app.put<{ Body: SimOutage }>(
    "/sim/faults/outage",
    { schema: { body: schemas.outage } },
    async (request) => {
      sim.setOutage(request.body);
      return { ok: true };
    },
  );

  app.delete("/sim/faults/outage", async () => {
    sim.setOutage(null);
    return { ok: true };
  });

  app.post<{ Body: { ms: number } }>(
    "/sim/clock/advance",
    { schema: { body: schemas.advance } },
    async (request) => {
      sim.advanceClock(request.body.ms);
      return { ok: true };
    },
  );
}
