import type {
  CallbackQuery,
  Message,
  MessageReactionUpdated,
  ReactionType,
  Update,
  WebhookInfo,
} from "@grammyjs/types";
import type { FastifyInstance } from "fastify";
import { BotApiDispatcher } from "./bot-api-dispatch.ts";
import { SimClock } from "./clock.ts";
import { registerControlApi } from "./control-api.ts";
import { SimError } from "./errors.ts";
import { FaultInjector, type SimFailure, type SimOutage } from "./faults.ts";
import { RateLimiter, TELEGRAM_DEFAULT_LIMITS } from "./rate-limits.ts";
import { createSimServer, listen } from "./sim-server.ts";
import { SimState } from "./sim-state.ts";
import { type SimStats, StatsRecorder } from "./stats.ts";
import type {
  CreateBotInput,
  CreateForumGroupInput,
  CreateUserInput,
  SimAlbumItem,
  SimChatQuery,
  SimEdit,
  SimMemberRights,
  SimMemberSpec,
  SimMemberStatus,
  SimMessageInput,
  SimOptions,
  SimStateSummary,
  SimTarget,
  SimTopicInfo,
  SimUser,
  TelegramSim,
} from "./types.ts";
import { UpdateDelivery } from "./update-delivery.ts";
import type { SimFileContent } from "./uploaded-file.ts";
import { topicInfo, UserActions } from "./user-actions.ts";

/** Wires state, delivery, limits, faults and the HTTP server into the public TelegramSim. */
class TelegramSimulator implements TelegramSim {
  apiRoot = "";
  readonly #state = new SimState();
  readonly #clock = new SimClock();
  readonly #stats = new StatsRecorder();
  readonly #faults = new FaultInjector();
  readonly #shutdown = new AbortController();
  readonly #delivery: UpdateDelivery;
  readonly #actions: UserActions;
  readonly #app: FastifyInstance;
  #closed = false;

  constructor(options: SimOptions) {
    this.#delivery = new UpdateDelivery(this.#clock, {
      retryBaseMs: options.webhookRetryBaseMs ?? 100,
      retryMaxMs: options.webhookRetryMaxMs ?? 2_000,
      webhookTimeoutMs: options.webhookTimeoutMs ?? 10_000,
    });
    this.#actions = new UserActions({ state: this.#state, clock: this.#clock, delivery: this.#delivery });
    const dispatcher = new BotApiDispatcher({
      state: this.#state,
      clock: this.#clock,
      delivery: this.#delivery,
      limiter: new RateLimiter(options.limits ?? TELEGRAM_DEFAULT_LIMITS, this.#clock),
      stats: this.#stats,
      faults: this.#faults,
      shutdown: this.#shutdown.signal,
    });
    this.#app = createSimServer(dispatcher, {
      host: options.host ?? "127.0.0.1",
      port: options.port ?? 0,
      logger: options.logger ?? false,
    });
    registerControlApi(this.#app, this);
  }

  async start(options: SimOptions): Promise<void> {
    this.apiRoot = await listen(this.#app, {
      host: options.host ?? "127.0.0.1",
      port: options.port ?? 0,
      logger: options.logger ?? false,
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // Release held requests (long polls, outage delays) and stop webhook pushes first.
    this.#shutdown.abort();
    this.#delivery.close();
    await this.#app.close();
  }

  createBot(input: CreateBotInput): SimUser {
    return structuredClone(this.#state.createBot(input));
  }

  createUser(input: CreateUserInput): SimUser {
    return structuredClone(this.#state.createUser(input));
  }

  createForumGroup(input: CreateForumGroupInput): { chatId: number } {
    for (const member of input.members) this.#state.user(member.userId);
    const group = this.#state.createGroup(input.title, input.isForum ?? true);
    this.#actions.seedMembers(group, input.members);
    return { chatId: group.id };
  }

  addMember(chatId: number, member: SimMemberSpec): void {
    this.#actions.addMember(chatId, member);
  }

  setMemberStatus(chatId: number, userId: number, status: SimMemberStatus, rights?: SimMemberRights): void {
    this.#actions.setMemberStatus(chatId, userId, status, rights);
  }

  setForumMode(chatId: number, isForum: boolean): void {
    const chat = this.#state.group(chatId).chat;
    if (isForum) chat.is_forum = true;
    else delete chat.is_forum;
  }

  pressButton(userId: number, chatId: number, messageId: number, callbackData: string): CallbackQuery {
    return this.#actions.pressButton(userId, chatId, messageId, callbackData);
  }

  shareChat(userId: number, botId: number, shared: { requestId: number; chatId: number }): Message {
    return this.#actions.shareChat(userId, botId, shared);
  }

  sendAsUser(userId: number, target: SimTarget, content: SimMessageInput): Message {
    return this.#actions.sendAsUser(userId, target, content);
  }

  sendAlbumAsUser(
    userId: number,
    target: SimTarget,
    items: SimAlbumItem[],
    options?: { replyToMessageId?: number },
  ): Message[] {
    return this.#actions.sendAlbumAsUser(userId, target, items, options);
  }

  editAsUser(userId: number, chatId: number, messageId: number, edit: SimEdit): Message {
    return this.#actions.editAsUser(userId, chatId, messageId, edit);
  }

  reactAsUser(userId: number, chatId: number, messageId: number, emojis: string[]): MessageReactionUpdated {
    return this.#actions.reactAsUser(userId, chatId, messageId, emojis);
  }

  blockBot(userId: number, botId: number): void {
    this.#actions.setBlocked(userId, botId, true);
  }

  unblockBot(userId: number, botId: number): void {
    this.#actions.setBlocked(userId, botId, false);
  }

  createTopicAsUser(
    userId: number,
    chatId: number,
    input: { name: string; iconColor?: number },
  ): SimTopicInfo {
    return this.#actions.createTopicAsUser(userId, chatId, input);
  }

  deleteTopicAsUser(chatId: number, threadId: number): void {
    this.#actions.deleteTopic(chatId, threadId);
  }

  messages(chatId: number, query: SimChatQuery = {}): Message[] {
    const chat = this.#state.resolveChat(chatId, { botId: query.botId });
    let list = [...chat.messages.values()];
    if (query.threadId !== undefined && chat.kind === "group") {
      const wanted = query.threadId === 1 ? undefined : query.threadId;
      list = list.filter((stored) => stored.topicId === wanted);
    }
    return list.map((stored) => structuredClone(stored.message));
  }

  message(chatId: number, messageId: number, query: { botId?: number } = {}): Message | undefined {
    const stored = this.#state.resolveChat(chatId, query).messages.get(messageId);
    return stored ? structuredClone(stored.message) : undefined;
  }

  reactions(
    chatId: number,
    messageId: number,
    query: { botId?: number } = {},
  ): Record<number, ReactionType[]> {
    const stored = this.#state.resolveChat(chatId, query).messages.get(messageId);
    return stored ? Object.fromEntries(structuredClone([...stored.reactions])) : {};
  }

  topics(chatId: number): SimTopicInfo[] {
    return [...this.#state.group(chatId).topics.values()].map(topicInfo);
  }

  fileContent(fileId: string): SimFileContent | undefined {
    return this.#state.files.contentOf(fileId);
  }

  pendingUpdates(botId: number): Update[] {
    this.#state.bot(botId);
    return this.#delivery.pending(botId);
  }

  webhookInfo(botId: number): WebhookInfo {
    this.#state.bot(botId);
    return this.#delivery.webhookInfo(botId);
  }

  summary(): SimStateSummary {
    const state = this.#state;
    return {
      apiRoot: this.apiRoot,
      users: [...state.users.values()].filter((r) => !r.user.is_bot).map((r) => structuredClone(r.user)),
      bots: state.bots().map((r) => ({
        ...structuredClone(r.user),
        pendingUpdates: this.#delivery.pendingCount(r.user.id),
        webhookUrl: this.#delivery.webhookInfo(r.user.id).url ?? "",
      })),
      groups: [...state.groups.values()].map((g) => ({
        chatId: g.id,
        title: g.chat.title,
        members: [...g.members.values()].map((m) => ({ userId: m.userId, status: m.status })),
        topics: [...g.topics.values()].map(topicInfo),
        messageCount: g.messages.size,
      })),
      privateChats: state.dialogs().map((d) => ({
        botId: d.botId,
        userId: d.userId,
        blocked: d.blocked,
        messageCount: d.messages.size,
      })),
    };
  }

  failNext(method: string, failure: SimFailure): void {
    this.#faults.failNext(method, failure);
  }

  setOutage(outage: SimOutage | null): void {
    this.#faults.setOutage(outage);
  }

  stats(): SimStats {
    return this.#stats.snapshot();
  }

  advanceClock(ms: number): void {
    this.#clock.advance(ms);
  }

  async waitFor<T>(
    predicate: () => T | Promise<T>,
    timeoutMs = 2_000,
  ): Promise<Exclude<T, false | 0 | "" | null | undefined>> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    for (;;) {
      try {
        const value = await predicate();
        if (value) return value as Exclude<T, false | 0 | "" | null | undefined>;
      } catch (error) {
        lastError = error;
      }
      if (Date.now() >= deadline) {
        const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : "";
        throw new SimError(`waitFor timed out after ${timeoutMs} ms${reason}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

/** Starts a simulator listening on `options.host`:`options.port` (a free port by default). */
export async function startTelegramSim(options: SimOptions = {}): Promise<TelegramSim> {
  const sim = new TelegramSimulator(options);
  await sim.start(options);
  return sim;
}
