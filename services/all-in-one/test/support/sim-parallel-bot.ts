import type { Message } from "@grammyjs/types";
import type {
  CopyRequest,
  EditRequest,
  MtprotoClient,
  MtprotoUpdate,
  SendTextRequest,
} from "@topicdesk/mtproto";
import type { SimUser, TelegramSim } from "@topicdesk/telegram-sim";
import { Api } from "grammy";
import { simLookups } from "./sim-lookups.ts";
import { backendGroupUpdate, tlUser } from "./sim-tl.ts";

/**
 * A bot in parallel mode, for the end-to-end tests: "the other system" runs the bot over the Bot
 * API (the simulator), and Topicdesk runs a second session of the same bot. Like Telegram does for
 * a bot's MTProto session, the session sees every message of the bot's private chats (the
 * client's, the other system's, its own) and of the backend group, as real mtcute TL updates; it
 * watches the simulator for them. What the session sends, the same bot sends (through the
 * simulator's Bot API: the simulator has no MTProto), and every call is recorded.
 */
export class SimParallelBotWorld {
  readonly sim: TelegramSim;
  readonly bot: SimUser;
  readonly groupId: number;
  /** The other system's own Bot API client: its sends are what the topic shows as intercepted. */
  readonly otherSystem: Api;
  /** Every call Topicdesk's session made, in order. */
  readonly sessionCalls: Array<{ method: string; request: unknown }> = [];
  readonly botApi: Api;
  readonly token: string;

  constructor(sim: TelegramSim, bot: SimUser, token: string, groupId: number) {
    this.sim = sim;
    this.token = token;
    this.bot = bot;
    this.groupId = groupId;
    this.otherSystem = new Api(token, { apiRoot: sim.apiRoot });
    this.botApi = new Api(token, { apiRoot: sim.apiRoot });
  }

  /** The mtproto service's client factory. */
  createClient = (): MtprotoClient => new SimParallelBotClient(this);

  /** The bot's private chat with one client, as the simulator keeps it. */
  privateChat(clientId: number): Message[] {
    return this.sim.messages(clientId, { botId: this.bot.id });
  }
}

const WATCH_INTERVAL_MS = 25;

class SimParallelBotClient implements MtprotoClient {
  readonly #world: SimParallelBotWorld;
  #handler: ((update: MtprotoUpdate) => Promise<void>) | undefined;
  #timer: NodeJS.Timeout | undefined;
  /** The newest message id handed out per chat: updates from the session's start on. */
  readonly #seen = new Map<number, number>();

  constructor(world: SimParallelBotWorld) {
    this.#world = world;
  }

  start = async () => {
    this.#watch(true);
    this.#timer = setInterval(() => this.#watch(false), WATCH_INTERVAL_MS);
    return { id: this.#world.bot.id, isBot: true };
  };
  onUpdate(handler: (update: MtprotoUpdate) => Promise<void>): void {
    this.#handler = handler;
  }
  catchUp = async () => undefined;

  /** Hands every new message of the bot's chats to the session; the first look only marks where they stand. */
  #watch(marking: boolean): void {
    const { sim, bot, groupId } = this.#world;
    const chats = sim
      .summary()
      .privateChats.filter((chat) => chat.botId === bot.id)
      .map((chat) => ({ chatId: chat.userId, messages: this.#world.privateChat(chat.userId) }));
    chats.push({ chatId: groupId, messages: sim.messages(groupId) });
    for (const { chatId, messages } of chats) {
      const seen = this.#seen.get(chatId) ?? 0;
      const fresh = messages.filter((message) => message.message_id > seen);
      const newest = Math.max(seen, ...messages.map((message) => message.message_id));
      this.#seen.set(chatId, newest);
      if (marking) continue;
      for (const message of fresh) {
        const update = chatId === groupId ? this.#groupUpdate(message) : this.#privateUpdate(chatId, message);
        if (update) void this.#handler?.(update);
      }
    }
  }

  #privateUpdate(clientId: number, message: Message): MtprotoUpdate | undefined {
    if (message.text === undefined) return undefined;
    const fromBot = message.from?.id === this.#world.bot.id;
    const client = this.#world.sim.summary().users.find((user) => user.id === clientId);
    return {
      kind: "new",
      message: {
        _: "message",
        id: message.message_id,
        date: message.date,
        peerId: { _: "peerUser", userId: clientId },
        ...(fromBot ? { out: true } : { fromId: { _: "peerUser", userId: clientId } }),
        message: message.text,
      },
      users: new Map(client ? [[clientId, tlUser(client)]] : []),
      chats: new Map(),
    };
  }

  /** Operators' texts in the backend group (the bot's own posts there are ours: not watched). */
  #groupUpdate(message: Message): MtprotoUpdate | undefined {
    const from = message.from;
    if (message.text === undefined || !from || from.id === this.#world.bot.id) return undefined;
    const threadId = message.is_topic_message ? message.message_thread_id : undefined;
    return backendGroupUpdate(this.#world.groupId, message, from, message.text, threadId);
  }

  #record(method: string, request: unknown): void {
    this.#world.sessionCalls.push({ method, request });
  }

  async copyMessages(request: CopyRequest): Promise<number[]> {
    this.#record("copyMessages", request);
    const api = this.#world.botApi;
    const options = {
      ...(request.threadId === undefined ? {} : { message_thread_id: request.threadId }),
      ...(request.replyTo === undefined ? {} : { reply_parameters: { message_id: request.replyTo } }),
    };
    const [only, ...rest] = request.messageIds;
    if (only !== undefined && rest.length === 0) {
      return [(await api.copyMessage(request.toChatId, request.fromChatId, only, options)).message_id];
    }
    const sent = await api.copyMessages(request.toChatId, request.fromChatId, request.messageIds, {
      ...(request.threadId === undefined ? {} : { message_thread_id: request.threadId }),
    });
    return sent.map((message) => message.message_id);
  }

  forwardMessages = (request: CopyRequest) => this.copyMessages(request);

  async sendText(request: SendTextRequest): Promise<number> {
    this.#record("sendText", request);
    const sent = await this.#world.botApi.sendMessage(request.chatId, request.text.text, {
      ...(request.threadId === undefined ? {} : { message_thread_id: request.threadId }),
      ...(request.replyTo === undefined ? {} : { reply_parameters: { message_id: request.replyTo } }),
    });
    return sent.message_id;
  }

  sendFile = async (): Promise<number> => {
    throw new Error("files are not part of the parallel-bot world");
  };

  async createTopic(request: { chatId: number; name: string }): Promise<number> {
    this.#record("createTopic", request);
    return (await this.#world.botApi.createForumTopic(request.chatId, request.name)).message_thread_id;
  }

  async editMessage(request: EditRequest): Promise<void> {
    this.#record("editMessage", request);
  }
  async setReaction(request: unknown): Promise<void> {
    this.#record("setReaction", request);
  }
  async editTopic(request: { chatId: number; topicId: number; name: string }): Promise<void> {
    this.#record("editTopic", request);
    await this.#world.botApi.editForumTopic(request.chatId, request.topicId, { name: request.name });
  }
  async setTopicOpen(request: { chatId: number; topicId: number; open: boolean }): Promise<void> {
    this.#record("setTopicOpen", request);
    const api = this.#world.botApi;
    await (request.open
      ? api.reopenForumTopic(request.chatId, request.topicId)
      : api.closeForumTopic(request.chatId, request.topicId));
  }
  resolvePeer = async (): Promise<number> => {
    throw new Error("not simulated");
  };

  // A bot session can address whoever has a chat with the bot.
  getChatMember = (request: { chatId: number; userId: number }) => {
    this.#record("getChatMember", request);
    return this.#lookups().getChatMember(request);
  };
  getUser = (reference: number | string) => {
    this.#record("getUser", reference);
    return this.#lookups().getUser(reference);
  };
  #lookups() {
    const { sim, bot } = this.#world;
    return simLookups(sim, {
      botToken: this.#world.token,
      knowsId: (userId) =>
        sim.summary().privateChats.some((chat) => chat.botId === bot.id && chat.userId === userId),
    });
  }

  close = async () => {
    if (this.#timer) clearInterval(this.#timer);
  };
}
