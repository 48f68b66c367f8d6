import type { MtprotoCallResult, MtprotoOperation, MtprotoOperationOf } from "@topicdesk/contracts";
import type { MtprotoClient, SendFileRequest } from "../client/mtproto-client.ts";
import { badRequest } from "./call-refusal.ts";
import { appendLinkButtons, formatText } from "./formatting/format-text.ts";

/** What running an operation may use besides the client. */
export interface OperationContext {
  client: MtprotoClient;
  /** Whether the session is a bot (parallel mode): only bots may send inline keyboards. */
  isBot: boolean;
  /**
   * Bytes of a `file.send` blob, read from the Redis blob store by key; undefined once expired.
   * Absent when this process has no Redis: files are then refused.
   */
  loadBlob?: ((key: string) => Promise<Uint8Array | undefined>) | undefined;
}

type OperationRunners = {
  [Op in MtprotoOperation["op"]]: (
    context: OperationContext,
    operation: MtprotoOperationOf<Op>,
  ) => Promise<MtprotoCallResult>;
};

const done = async (work: Promise<void>): Promise<MtprotoCallResult> => {
  await work;
  return {};
};

/** One runner per operation of the call contract; the type system makes sure none is missing. */
const runners: OperationRunners = {
  "topic.create": async ({ client }, op) => ({
    topicId: await client.createTopic({
      chatId: op.chatId,
      name: op.name,
      ...(op.iconColor === undefined ? {} : { iconColor: op.iconColor }),
    }),
  }),
  "topic.edit": ({ client }, op) => done(client.editTopic(op)),
  "topic.set-open": ({ client }, op) => done(client.setTopicOpen(op)),
  "messages.copy": async ({ client }, op) => ({ messageIds: await client.copyMessages(op) }),
  "messages.forward": async ({ client }, op) => ({ messageIds: await client.forwardMessages(op) }),
  "text.send": async ({ client, isBot }, op) => {
    const formatted = formatText(op.text, op.parseMode);
    const buttons = op.buttons ?? [];
    const withButtons = buttons.length > 0 && !isBot;
    const id = await client.sendText({
      chatId: op.chatId,
      text: withButtons ? appendLinkButtons(formatted, buttons) : formatted,
      threadId: op.threadId,
      replyTo: op.replyTo,
      ...(buttons.length > 0 && isBot ? { buttons } : {}),
    });
    return { messageIds: [id] };
  },
  "file.send": async (context, op) => ({
    messageIds: [
      await context.client.sendFile({
        chatId: op.chatId,
        as: op.as,
        file: await fileOf(context, op),
        caption: op.caption === undefined ? undefined : formatText(op.caption, op.parseMode),
        threadId: op.threadId,
        replyTo: op.replyTo,
      }),
    ],
  }),
  "message.edit": ({ client }, op) => done(client.editMessage(op)),
  "reaction.set": ({ client }, op) => done(client.setReaction(op)),
  "chat.member": async ({ client }, op) => ({
    member: await client.getChatMember({ chatId: op.chatId, userId: op.userId }),
  }),
  "user.resolve": async ({ client }, op) => ({ user: await client.getUser(op.user) }),
};

async function fileOf(
  context: OperationContext,
  op: MtprotoOperationOf<"file.send">,
): Promise<SendFileRequest["file"]> {
  const source = op.file;
  if (source.kind === "url") return { url: source.url };
  if (!context.loadBlob) throw badRequest("this MTProto service has no blob store to read files from");
  const bytes = await context.loadBlob(source.key);
  // Refused, not retried: the blob's TTL has passed and it cannot come back.
  if (bytes === undefined) throw badRequest("file expired in the blob store");
  return { bytes, fileName: source.fileName, contentType: source.contentType };
}

export function runOperation(
  context: OperationContext,
  operation: MtprotoOperation,
): Promise<MtprotoCallResult> {
  const runner = runners[operation.op] as (
    context: OperationContext,
    operation: MtprotoOperation,
  ) => Promise<MtprotoCallResult>;
  return runner(context, operation);
}
