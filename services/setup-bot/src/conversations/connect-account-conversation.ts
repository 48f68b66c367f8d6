import type { Context } from "grammy";
import { InlineKeyboard } from "grammy";
import type { AccountLogins, AccountStep } from "../accounts/account-logins.ts";
import { connectionData, STEP_CANCEL } from "../menus/callback-data.ts";
import type { SetupConversation } from "../setup-context.ts";
import { CHAT_ID_TEXT, groupPicker } from "./backend-group-step.ts";
import { deleteAnswer, type StepAnswer, waitForStepAnswer } from "./step-answer.ts";

export const CONNECT_ACCOUNT_CONVERSATION = "connect-account";

const CANCEL = new InlineKeyboard().text("Cancel", STEP_CANCEL);
const CANCELLED = "Cancelled. Nothing was connected. /start shows the menu.";

const GROUP_PROMPT = [
  "Connect a personal or company account: clients write to it, and every dialog becomes a topic in your team's backend group.",
  "First the backend group: a supergroup with Topics enabled where the account is an administrator with “Manage topics”. Pick it with the button below, or send its id (-100…).",
].join("\n\n");

const PHONE_PROMPT =
  "Now the account's phone number, in international format (+49…). Telegram sends a login code to the account.";

/**
 * "Connect an account" (reference §8.1, spec decision 1): backend group, phone, code, and the
 * two-step password if the account has one. The login itself runs in `AccountLogins` (outside the
 * replayed conversation); messages with the code or password are deleted right after reading.
 */
export function connectAccountConversation(logins: AccountLogins) {
  return async function connectAccount(conversation: SetupConversation, ctx: Context): Promise<void> {
    const personId = ctx.from?.id;
    if (personId === undefined) return;
    const backendChatId = await askForGroupId(conversation, ctx);
    if (backendChatId === undefined)
      return void (await ctx.reply(CANCELLED, { reply_markup: { remove_keyboard: true } }));
    await ctx.reply(`Backend group ${backendChatId}.`, { reply_markup: { remove_keyboard: true } });
    await ctx.reply(PHONE_PROMPT, { reply_markup: CANCEL });
    let asking: "phone" | "code" | "password" = "phone";
    for (;;) {
      const answer = await waitForStepAnswer(conversation);
      if (answer.kind === "cancel") {
        await conversation.external(() => logins.cancel(personId));
        return void (await ctx.reply(CANCELLED));
      }
      if (answer.kind !== "text") {
        await ctx.reply("Send it as a message, or /cancel.");
        continue;
      }
      if (asking !== "phone" && !(await deleteAnswer(answer.context)))
        await ctx.reply(`I could not delete your message with the ${asking}: please delete it yourself.`);
      const text = answer.text;
      const current = asking;
      const step = await conversation.external(() => {
        if (current === "phone") return logins.start(personId, { phone: text, backendChatId });
        if (current === "code") return logins.submitCode(personId, text);
        return logins.submitPassword(personId, text);
      });
      if (step.kind === "done") return void (await ctx.reply(...connectedReply(step)));
      asking = nextQuestion(step, asking);
      await ctx.reply(promptFor(step), { reply_markup: CANCEL });
    }
  };
}

async function askForGroupId(conversation: SetupConversation, ctx: Context): Promise<number | undefined> {
  await ctx.reply(GROUP_PROMPT, { reply_markup: groupPicker() });
  await ctx.reply("Or cancel:", { reply_markup: CANCEL });
  for (;;) {
    const answer: StepAnswer = await waitForStepAnswer(conversation);
    if (answer.kind === "cancel") return undefined;
    if (answer.kind === "chat") return answer.chatId;
    if (answer.kind === "text" && CHAT_ID_TEXT.test(answer.text)) return Number(answer.text);
    await ctx.reply(
      "That is not a group id. Pick the group with the button, or send its id: a negative number like -1001234567890.",
    );
  }
}

function nextQuestion(
  step: Exclude<AccountStep, { kind: "done" }>,
  asking: "phone" | "code" | "password",
): "phone" | "code" | "password" {
  if (step.kind === "code-sent") return "code";
  if (step.kind === "password-needed") return "password";
  if (step.kind === "restart") return "phone";
  return asking;
}

function promptFor(step: Exclude<AccountStep, { kind: "done" }>): string {
  switch (step.kind) {
    case "code-sent":
      return `Telegram sent a ${step.length}-digit code (${deliveryName(step.delivery)}). Send it here with spaces between the digits, like 1 2 3 4 5: Telegram voids a login code that is sent in a chat as it is. I delete the message right after reading it.`;
    case "password-needed":
      return `The account has two-step verification${step.hint ? ` (hint: ${step.hint})` : ""}. Send its password; I delete the message right after reading it.`;
    case "again":
      return `${step.message} Send it again, or /cancel.`;
    case "restart":
      return `${step.message}\n\n${PHONE_PROMPT}`;
  }
}

function deliveryName(delivery: string): string {
  return delivery === "app" ? "in the Telegram app of the account" : `by ${delivery}`;
}

function connectedReply(
  step: Extract<AccountStep, { kind: "done" }>,
): [string, { reply_markup: InlineKeyboard }] {
  return [
    `🎉 ${step.name} is connected (connection “${step.connectionId}”). Topicdesk starts the session within seconds: write to the account from another one, and a topic appears in the backend group.`,
    {
      reply_markup: new InlineKeyboard()
        .text("Parameters", connectionData(step.connectionId, "params"))
        .text("Connection", connectionData(step.connectionId, "card")),
    },
  ];
}
