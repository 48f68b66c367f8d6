import type { MessageEntity } from "@grammyjs/types";
import type { tl } from "@mtcute/node";
import type {
  CopyRequest,
  MtprotoClient,
  MtprotoUpdate,
  SendFileRequest,
  SendTextRequest,
} from "@topicdesk/mtproto";
import type { SimUser, TelegramSim } from "@topicdesk/telegram-sim";
import { isMemberOf, simLookups } from "./sim-lookups.ts";
import { backendGroupUpdate, tlChannel, tlUser } from "./sim-tl.ts";

/** A message of the account's private chat with one client (the simulator has no user-to-user chats). */
interface PrivateMessage {
  id: number;
  text: string;
  out: boolean;
  /** Formatting, in the Bot API's terms (converted from the MTProto entities sent). */
  entities?: MessageEntity[];
  /** A file the account sent (name and bytes, or the URL Telegram fetched). */
  file?: { as: "photo" | "document"; fileName?: string; bytes?: Uint8Array; url?: string };
  /** In a group: the member who wrote it. */
  fromId?: number;
}

/** A supergroup or channel the account is in (MONITOR_GROUPS, MONITOR_CHANNELS), by its -100… id. */
export interface SimMonitoredChat {
  id: number;
  title: string;
  kind: "supergroup" | "channel";
}

/**
 * Telegram as an account sees it, for the end-to-end tests: the backend group is the simulator's
 * (the account is a member and posts there as a person), the account's private chats with clients
 * live here. Every message in those chats (the client's, the account's own, ours) reaches the
 * session as a real mtcute TL update, as Telegram would send it.
 */
export class SimAccountWorld {
  readonly #sim: TelegramSim;
  readonly account: SimUser;
  readonly #groupId: number;
  readonly #chats = new Map<number, PrivateMessage[]>();
  readonly #users = new Map<number, SimUser>();
  /** Groups and channels the account is in; their messages live in `#chats` like private ones. */
  readonly #monitored = new Map<number, SimMonitoredChat>();
  #client: SimAccountClient | undefined;
  #nextId = 0;
  /** Backend-group messages the account posted as forwards (the simulator's people cannot forward). */
  readonly forwardedIntoGroup = new Set<number>();

  constructor(sim: TelegramSim, account: SimUser, groupId: number) {
    this.#sim = sim;
    this.account = account;
    this.#groupId = groupId;
  }

  /** Read-only questions (roles, /new): the account resolves ids of people who wrote to it or share its group. */
  lookups(): Pick<MtprotoClient, "getChatMember" | "getUser"> {
    return simLookups(this.#sim, {
      knowsId: (userId) => this.#users.has(userId) || isMemberOf(this.#sim, this.#groupId, userId),
    });
  }

  /** The mtproto service's client factory. */
  createClient = (): MtprotoClient => {
    this.#client = new SimAccountClient(this);
    return this.#client;
  };

  privateChat(clientId: number): PrivateMessage[] {
    return this.#chats.get(clientId) ?? [];
  }

  /** A client writes to the account. */
  clientWrites(client: SimUser, text: string): Promise<number> {
    this.#users.set(client.id, client);
    return this.appendPrivate(client.id, text, false);
  }

  /** The account's owner writes to a client from the phone (not through Topicdesk). */
  accountWritesFromPhone(clientId: number, text: string): Promise<number> {
    return this.appendPrivate(clientId, text, true);
  }

  async appendPrivate(
    clientId: number,
    text: string,
    out: boolean,
    extra: Pick<PrivateMessage, "entities" | "file"> = {},
  ): Promise<number> {
    this.#nextId += 1;
    const message = { id: this.#nextId, text, out, ...extra };
    this.#chats.set(clientId, [...this.privateChat(clientId), message]);
    await this.redeliver(clientId, message.id);
    return message.id;
  }

  /** Hands a private message to the session (again: a catch-up replays what it saw before). */
  async redeliver(clientId: number, messageId: number): Promise<void> {
    const message = this.privateChat(clientId).find((entry) => entry.id === messageId);
    const client = this.#users.get(clientId);
    if (!message) throw new Error(`no message ${messageId} with ${clientId}`);
    const monitored = this.#monitored.get(clientId);
    if (monitored) return void (await this.#client?.deliver(this.#monitoredUpdate(monitored, message)));
    await this.#client?.deliver({
      kind: "new",
      message: {
        _: "message",
        id: message.id,
        date: Math.floor(Date.now() / 1000),
        peerId: { _: "peerUser", userId: clientId },
        message: message.text,
        ...(message.out ? { out: true } : {}),
      },
      users: new Map(client ? [[clientId, tlUser(client)]] : []),
      chats: new Map(),
    });
  }

  /** A member writes in a group the account is in (or, with no member, the channel posts). */
  async memberWritesIn(chat: SimMonitoredChat, member: SimUser | undefined, text: string): Promise<number> {
    this.#monitored.set(chat.id, chat);
    if (member) this.#users.set(member.id, member);
    this.#nextId += 1;
    const message = { id: this.#nextId, text, out: false, ...(member ? { fromId: member.id } : {}) };
    this.#chats.set(chat.id, [...this.privateChat(chat.id), message]);
    await this.redeliver(chat.id, message.id);
    return message.id;
  }

  /** A message of a group or channel as its member, the account, gets it: a channel message. */
  #monitoredUpdate(chat: SimMonitoredChat, message: PrivateMessage): MtprotoUpdate {
    const channelId = -chat.id - 1_000_000_000_000;
    const authorId = message.out ? this.account.id : message.fromId;
    const author = authorId === undefined ? undefined : (this.#users.get(authorId) ?? this.account);
    return {
      kind: "new",
      message: {
        _: "message",
        id: message.id,
        date: Math.floor(Date.now() / 1000),
        peerId: { _: "peerChannel", channelId },
        ...(authorId === undefined ? { post: true } : { fromId: { _: "peerUser", userId: authorId } }),
        message: message.text,
        ...(message.out ? { out: true } : {}),
      },
      users: new Map(author ? [[author.id, tlUser(author)]] : []),
      chats: new Map([[channelId, tlChannel(channelId, chat)]]),
    };
  }

  /** An operator writes in the General topic (commands such as /new): no forum-topic header. */
  async operatorSaysInGeneral(operator: SimUser, text: string): Promise<number> {
    const sent = this.#sim.sendAsUser(operator.id, { chatId: this.#groupId }, { text });
    await this.#client?.deliver(backendGroupUpdate(this.#groupId, sent, operator, text, undefined));
    return sent.message_id;
  }

  /** An operator writes in a topic: the simulator shows it, the account's session sees it. */
  async operatorSays(operator: SimUser, threadId: number, text: string): Promise<number> {
    const sent = this.#sim.sendAsUser(operator.id, { chatId: this.#groupId, threadId }, { text });
    await this.#client?.deliver(backendGroupUpdate(this.#groupId, sent, operator, text, threadId));
    return sent.message_id;
  }

  /** What the account's send of `text` into a topic or a client chat becomes. */
  send(
    chatId: number,
    text: string,
    threadId: number | undefined,
    replyTo: number | undefined,
    entities: MessageEntity[] = [],
  ): Promise<number> {
    if (chatId !== this.#groupId) return this.appendPrivate(chatId, text, true, { entities });
    const target = threadId === undefined ? { chatId } : { chatId, threadId };
    const content = {
      text,
      ...(entities.length > 0 ? { entities } : {}),
      ...(replyTo === undefined ? {} : { replyToMessageId: replyTo }),
    };
    return Promise.resolve(this.#sim.sendAsUser(this.account.id, target, content).message_id);
  }

  /** What the account's upload (or URL) becomes: a document or photo in the topic or client chat. */
  sendFile(request: SendFileRequest): Promise<number> {
    const caption = request.caption?.text ?? "";
    const file = request.file;
    if (request.chatId !== this.#groupId) {
      return this.appendPrivate(request.chatId, caption, true, {
        file: {
          as: request.as,
          ...("url" in file ? { url: file.url } : { fileName: file.fileName, bytes: file.bytes }),
        },
      });
    }
    const spec = "url" in file ? {} : { fileName: file.fileName, content: file.bytes };
    const target =
      request.threadId === undefined
        ? { chatId: request.chatId }
        : { chatId: request.chatId, threadId: request.threadId };
    const captionEntities = botApiEntities(request.caption?.entities ?? []);
    const captioned = captionEntities.length > 0 ? { caption, captionEntities } : { caption };
    const content = request.as === "photo" ? { photo: spec, ...captioned } : { document: spec, ...captioned };
    return Promise.resolve(this.#sim.sendAsUser(this.account.id, target, content).message_id);
  }

  /** The text of a message the account can copy. */
  textOf(chatId: number, messageId: number): string {
    if (chatId === this.#groupId) {
      const message = this.#sim.message(chatId, messageId);
      return message?.text ?? message?.caption ?? "";
    }
    return this.privateChat(chatId).find((message) => message.id === messageId)?.text ?? "";
  }

  createTopic(name: string): number {
    return this.#sim.createTopicAsUser(this.account.id, this.#groupId, { name }).threadId;
  }
}

/** Our client interface over the world above; what it cannot show (topic renames …) it accepts. */
class SimAccountClient implements MtprotoClient {
  readonly #world: SimAccountWorld;
  #handler: ((update: MtprotoUpdate) => Promise<void>) | undefined;

  constructor(world: SimAccountWorld) {
    this.#world = world;
  }

  async deliver(update: MtprotoUpdate): Promise<void> {
    // Like mtcute: the handler runs on its own, the sender does not wait for it.
    void this.#handler?.(update);
  }

  start = async () => ({ id: this.#world.account.id, isBot: false });
  onUpdate(handler: (update: MtprotoUpdate) => Promise<void>): void {
    this.#handler = handler;
  }
  catchUp = async () => undefined;

  async copyMessages(request: CopyRequest): Promise<number[]> {
    const sent: number[] = [];
    for (const id of request.messageIds) {
      const text = this.#world.textOf(request.fromChatId, id);
      sent.push(await this.#world.send(request.toChatId, text, request.threadId, request.replyTo));
    }
    return sent;
  }

  async forwardMessages(request: CopyRequest): Promise<number[]> {
    const sent = await this.copyMessages(request);
    for (const id of sent) this.#world.forwardedIntoGroup.add(id);
    return sent;
  }

  sendText(request: SendTextRequest): Promise<number> {
    return this.#world.send(
      request.chatId,
      request.text.text,
      request.threadId,
      request.replyTo,
      botApiEntities(request.text.entities),
    );
  }

  sendFile = (request: SendFileRequest) => this.#world.sendFile(request);

  createTopic = async (request: { name: string }) => this.#world.createTopic(request.name);
  editMessage = async () => undefined;
  setReaction = async () => undefined;
  editTopic = async () => undefined;
  setTopicOpen = async () => undefined;
  getChatMember = (request: { chatId: number; userId: number }) =>
    this.#world.lookups().getChatMember(request);
  getUser = (reference: number | string) => this.#world.lookups().getUser(reference);
  resolvePeer = async (): Promise<number> => {
    throw new Error("not simulated");
  };
  close = async () => undefined;
}

/** MTProto entities in the Bot API's terms, for the simulator (only the kinds our texts use). */
function botApiEntities(entities: tl.TypeMessageEntity[]): MessageEntity[] {
  const types: Partial<Record<tl.TypeMessageEntity["_"], MessageEntity.CommonMessageEntity["type"]>> = {
    messageEntityBold: "bold",
    messageEntityItalic: "italic",
    messageEntityUnderline: "underline",
    messageEntityStrike: "strikethrough",
    messageEntitySpoiler: "spoiler",
    messageEntityCode: "code",
    messageEntityBlockquote: "blockquote",
  };
  return entities.flatMap((entity): MessageEntity[] => {
    const { offset, length } = entity;
    if (entity._ === "messageEntityTextUrl") return [{ type: "text_link", offset, length, url: entity.url }];
    if (entity._ === "messageEntityPre") return [{ type: "pre", offset, length }];
    const type = types[entity._];
    return type === undefined ? [] : [{ type, offset, length }];
  });
}
