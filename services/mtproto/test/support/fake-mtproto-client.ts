import { type ITelegramStorageProvider, tl } from "@mtcute/node";
import type { MtprotoChatMember, MtprotoUser } from "@topicdesk/contracts";
import type {
  CopyRequest,
  MtprotoClient,
  MtprotoUpdate,
  MtprotoUpdateHandler,
  SendFileRequest,
  SendTextRequest,
} from "../../src/client/mtproto-client.ts";

/**
 * A stand-in for Telegram behind our client interface: tests push real TL updates into it, and
 * it records every call. Its "server" (`FakeTelegramAccount`) outlives a client, like Telegram
 * outlives a process: updates pushed while no client is connected wait there for `catchUp`.
 */
export class FakeTelegramAccount {
  readonly selfId: number;
  readonly calls: Array<{ method: string; request: unknown }> = [];
  /** Every update in order; a client's storage remembers how far it got (like pts). */
  readonly updates: MtprotoUpdate[] = [];
  readonly failures: Error[] = [];
  /** Who is in which chat (`<chat>:<user>`), as Telegram would answer; absent = left. */
  readonly members = new Map<string, MtprotoChatMember>();
  /** The users the session can resolve (by id or username). */
  readonly knownUsers: MtprotoUser[] = [];
  connected: FakeMtprotoClient | undefined;
  #nextMessageId = 1000;

  /** A bot in parallel mode rather than an account. */
  readonly isBot: boolean;

  constructor(selfId: number, options: { isBot?: boolean } = {}) {
    this.selfId = selfId;
    this.isBot = options.isBot ?? false;
  }

  /** A new update arrives at Telegram; a connected client receives it at once. */
  async push(update: MtprotoUpdate): Promise<void> {
    this.updates.push(update);
    await this.connected?.deliverPending();
  }

  /** The next call fails with this error (e.g. a FLOOD_WAIT). */
  failNextCall(error: Error): void {
    this.failures.push(error);
  }

  record(method: string, request: unknown): void {
    const failure = this.failures.shift();
    this.calls.push({ method, request });
    if (failure) throw failure;
  }

  nextMessageId(): number {
    this.#nextMessageId += 1;
    return this.#nextMessageId;
  }
}

const POSITION_KEY = "fake.position";

export class FakeMtprotoClient implements MtprotoClient {
  readonly #account: FakeTelegramAccount;
  readonly #storage: ITelegramStorageProvider;
  #handler: MtprotoUpdateHandler | undefined;
  #position = 0;
  #delivering: Promise<void> = Promise.resolve();

  constructor(account: FakeTelegramAccount, storage: ITelegramStorageProvider) {
    this.#account = account;
    this.#storage = storage;
  }

  async start() {
    await this.#storage.driver.load?.();
    const stored = await this.#storage.kv.get(POSITION_KEY);
    this.#position = stored ? Number(Buffer.from(stored).toString()) : 0;
    this.#account.connected = this;
    return { id: this.#account.selfId, isBot: this.#account.isBot };
  }

  onUpdate(handler: MtprotoUpdateHandler): void {
    this.#handler = handler;
  }

  /** Like mtcute: updates since the stored position are handed out again, then the position moves. */
  catchUp(): Promise<void> {
    return this.deliverPending();
  }

  deliverPending(): Promise<void> {
    this.#delivering = this.#delivering.then(async () => {
      while (this.#position < this.#account.updates.length && this.#account.connected === this) {
        const update = this.#account.updates[this.#position];
        this.#position += 1;
        // mtcute stores the new state before (and regardless of) the handler finishing.
        await this.#storage.kv.set(POSITION_KEY, Buffer.from(String(this.#position)));
        if (update) void this.#handler?.(update);
      }
    });
    return this.#delivering;
  }

  /** Persists the storage like mtcute's periodic save. */
  async save(): Promise<void> {
    await this.#storage.driver.save?.();
  }

  #crashed = false;

  /** The process dies: nothing is saved from now on, the connection is gone. */
  crash(): void {
    this.#crashed = true;
    if (this.#account.connected === this) this.#account.connected = undefined;
  }

  async copyMessages(request: CopyRequest) {
    this.#account.record("copyMessages", request);
    return request.messageIds.map(() => this.#account.nextMessageId());
  }

  async forwardMessages(request: CopyRequest) {
    this.#account.record("forwardMessages", request);
    return request.messageIds.map(() => this.#account.nextMessageId());
  }

  async sendText(request: SendTextRequest) {
    this.#account.record("sendText", request);
    return this.#account.nextMessageId();
  }

  async sendFile(request: SendFileRequest) {
    this.#account.record("sendFile", request);
    return this.#account.nextMessageId();
  }

  async editMessage(request: unknown) {
    this.#account.record("editMessage", request);
  }

  async setReaction(request: unknown) {
    this.#account.record("setReaction", request);
  }

  async createTopic(request: unknown) {
    this.#account.record("createTopic", request);
    return this.#account.nextMessageId();
  }

  async editTopic(request: unknown) {
    this.#account.record("editTopic", request);
  }

  async setTopicOpen(request: unknown) {
    this.#account.record("setTopicOpen", request);
  }

  async resolvePeer(reference: string) {
    this.#account.record("resolvePeer", reference);
    return 1;
  }

  async getChatMember(request: { chatId: number; userId: number }): Promise<MtprotoChatMember> {
    this.#account.record("getChatMember", request);
    const member = this.#account.members.get(`${request.chatId}:${request.userId}`);
    return member ?? { status: "left", canRestrictMembers: false };
  }

  async getUser(reference: number | string): Promise<MtprotoUser> {
    this.#account.record("getUser", reference);
    const user = this.#account.knownUsers.find((known) =>
      typeof reference === "number" ? known.id === reference : known.username === reference,
    );
    if (!user)
      throw new tl.RpcError(400, typeof reference === "number" ? "PEER_ID_INVALID" : "USERNAME_NOT_OCCUPIED");
    return user;
  }

  async close(): Promise<void> {
    if (this.#account.connected === this) this.#account.connected = undefined;
    if (!this.#crashed) await this.#storage.driver.destroy?.();
  }
}
