import {
  BotKeyboard,
  InputMedia,
  type ITelegramStorageProvider,
  networkMiddlewares,
  type RpcCallMiddleware,
  TelegramClient,
  type tl,
} from "@mtcute/node";
import { mtcuteLookups } from "./mtcute-lookups.ts";
import type { MtprotoClient, MtprotoUpdateHandler } from "./mtproto-client.ts";

export interface MtcuteClientOptions {
  apiId: number;
  apiHash: string;
  storage: ITelegramStorageProvider;
}

/**
 * Our client interface over mtcute, for Telegram itself. mtcute keeps the update state (pts, qts,
 * per-channel pts) in our storage and recovers gaps (getDifference, per-channel difference); flood
 * waits are not slept through here but returned, so the caller pauses only the chat concerned.
 */
export function createMtcuteClient(options: MtcuteClientOptions): MtprotoClient {
  const client = new TelegramClient({
    apiId: options.apiId,
    apiHash: options.apiHash,
    storage: options.storage,
    updates: { catchUp: true },
    network: {
      middlewares: [reportFloodWaits, ...networkMiddlewares.basic({ floodWaiter: { store: false } })],
    },
  });
  const handlers: MtprotoUpdateHandler[] = [];
  client.onRawUpdate.add(({ update, peers }) => {
    const kind =
      update._ === "updateNewMessage" || update._ === "updateNewChannelMessage"
        ? "new"
        : update._ === "updateEditMessage" || update._ === "updateEditChannelMessage"
          ? "edit"
          : undefined;
    if (!kind || !("message" in update) || typeof update.message !== "object" || !isMessage(update.message))
      return;
    for (const handler of handlers) {
      void handler({ kind, message: update.message, users: peers.users, chats: peers.chats });
    }
  });
  const reply = (replyTo: number | undefined, threadId: number | undefined) => ({
    ...(replyTo === undefined ? {} : { replyTo }),
    ...(threadId === undefined ? {} : { threadId }),
  });
  return {
    async start() {
      await client.connect();
      const me = await client.getMe();
      await client.startUpdatesLoop();
      return { id: me.id, isBot: me.isBot };
    },
    onUpdate: (handler) => {
      handlers.push(handler);
    },
    // With `catchUp: true` mtcute loads the difference when its updates loop starts.
    catchUp: async () => undefined,
    async copyMessages(request) {
      const common = {
        toChatId: request.toChatId,
        fromChatId: request.fromChatId,
        ...reply(request.replyTo, request.threadId),
      };
      if (request.messageIds.length === 1) {
        return [(await client.sendCopy({ ...common, message: request.messageIds[0] ?? 0 })).id];
      }
      return (await client.sendCopyGroup({ ...common, messages: request.messageIds })).map(
        (message) => message.id,
      );
    },
    async forwardMessages(request) {
      const sent = await client.forwardMessagesById({
        toChatId: request.toChatId,
        fromChatId: request.fromChatId,
        messages: request.messageIds,
        ...(request.threadId === undefined ? {} : { toThreadId: request.threadId }),
      });
      return sent.map((message) => message.id);
    },
    // The service has already turned the Bot API's markup into entities; buttons come only to bots.
    async sendText(request) {
      const buttons = request.buttons;
      const sent = await client.sendText(request.chatId, request.text, {
        ...reply(request.replyTo, request.threadId),
        ...(buttons === undefined
          ? {}
          : {
              replyMarkup: BotKeyboard.inline(
                buttons.map((row) => row.map((button) => BotKeyboard.url(button.text, button.url))),
              ),
            }),
      });
      return sent.id;
    },
    // Bytes are uploaded; a URL becomes "external" media that Telegram fetches, like the Bot API does.
    async sendFile(request) {
      const file = request.file;
      const source = "url" in file ? file.url : file.bytes;
      const caption = request.caption === undefined ? {} : { caption: request.caption };
      const media =
        request.as === "photo"
          ? InputMedia.photo(source, caption)
          : InputMedia.document(source, {
              ...caption,
              ...("url" in file ? {} : { fileName: file.fileName }),
              ...("url" in file || file.contentType === undefined ? {} : { fileMime: file.contentType }),
            });
      return (await client.sendMedia(request.chatId, media, reply(request.replyTo, request.threadId))).id;
    },
    async editMessage(request) {
      await client.editMessage({ chatId: request.chatId, message: request.messageId, text: request.text });
    },
    async setReaction(request) {
      await client.sendReaction({
        chatId: request.chatId,
        message: request.messageId,
        emoji: request.emojis,
      });
    },
    async createTopic(request) {
      const created = await client.createForumTopic({
        chatId: request.chatId,
        title: request.name,
        ...(request.iconColor === undefined ? {} : { icon: request.iconColor }),
      });
      return created.id;
    },
    async editTopic(request) {
      await client.editForumTopic({ chatId: request.chatId, topicId: request.topicId, title: request.name });
    },
    async setTopicOpen(request) {
      await client.toggleForumTopicClosed({
        chatId: request.chatId,
        topicId: request.topicId,
        closed: !request.open,
      });
    },
    ...mtcuteLookups(client),
    async resolvePeer(reference) {
      const peer = await client.getChat(reference);
      return peer.id;
    },
    async close() {
      await client.destroy();
    },
  };
}

/**
 * mtcute sleeps through flood waits of up to 10 s by default, which would hold the session's calls
 * (they run one at a time) for every chat. Our calls get a threshold of 0: the FLOOD_WAIT comes back
 * to delivery, which pauses only that chat's lane. Catching up on updates may still wait: nothing
 * else can be done meanwhile anyway. The waiter does not remember a flood per method either
 * (`store: false`): it would refuse sends to every chat for one chat's wait.
 */
const reportFloodWaits: RpcCallMiddleware = (context, next) => {
  if (!context.request._.startsWith("updates.")) {
    context.params = { ...context.params, floodSleepThreshold: 0 };
  }
  return next(context);
};

function isMessage(value: { _: string }): value is tl.TypeMessage {
  return value._ === "message" || value._ === "messageService" || value._ === "messageEmpty";
}
