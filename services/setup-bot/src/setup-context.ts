import type { Conversation, ConversationFlavor } from "@grammyjs/conversations";
import type { Context } from "grammy";

/** The context of the setup bot's middleware: grammY's, plus `ctx.conversation`. */
export type SetupContext = ConversationFlavor<Context>;

/** Inside a conversation the context is a plain grammY context rebuilt on every replay. */
export type SetupConversation = Conversation<SetupContext, Context>;
