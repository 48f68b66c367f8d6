import { formatParameterHelp } from "@topicdesk/params";
import type { Context } from "grammy";
import { InlineKeyboard } from "grammy";
import { connectionForAdmin } from "../connections/connection-access.ts";
import { connectionData, STEP_CANCEL, STEP_RESET } from "../menus/callback-data.ts";
import {
  changeParameter,
  currentValue,
  parameterAt,
  resetParameter,
} from "../parameters/parameter-change.ts";
import type { SetupConversation } from "../setup-context.ts";
import type { SetupDeps } from "../setup-deps.ts";
import { waitForStepAnswer } from "./step-answer.ts";

export const EDIT_PARAMETER_CONVERSATION = "edit-parameter";

/**
 * "Change Parameters" → a parameter → its help and current value → the new value, checked by the
 * parameter table's parser; a wrong value is explained and asked for again (reference §2).
 */
export function editParameterConversation(deps: SetupDeps) {
  return async function editParameter(
    conversation: SetupConversation,
    ctx: Context,
    connectionId: string,
    index: number,
  ): Promise<void> {
    const personId = ctx.from?.id;
    const definition = parameterAt(index);
    if (personId === undefined || !definition) return;
    const access = await conversation.external(async () => {
      const result = await connectionForAdmin(deps, connectionId, personId);
      return result.ok ? { ok: true as const } : result;
    });
    if (!access.ok) return void (await ctx.reply(access.reason));
    const current = await conversation.external(() => currentValue(deps, connectionId, definition));
    await ctx.reply(`${formatParameterHelp(definition)}\n\nNow: ${current}\n\nSend the new value.`, {
      reply_markup: new InlineKeyboard().text("Reset to default", STEP_RESET).text("Cancel", STEP_CANCEL),
    });
    const done = new InlineKeyboard()
      .text("Parameters", connectionData(connectionId, "params"))
      .text("Connection", connectionData(connectionId, "card"));
    for (;;) {
      const answer = await waitForStepAnswer(conversation, [STEP_RESET]);
      if (answer.kind === "cancel")
        return void (await ctx.reply(`${definition.name} unchanged.`, { reply_markup: done }));
      if (answer.kind === "button") {
        await conversation.external(() => resetParameter(deps, connectionId, definition));
        return void (await ctx.reply(`${definition.name} is back to its default: ${definition.defaultRaw}`, {
          reply_markup: done,
        }));
      }
      if (answer.kind !== "text") {
        await ctx.reply("Send the value as a message, or /cancel.");
        continue;
      }
      const raw = answer.text;
      const change = await conversation.external(() =>
        changeParameter(deps, { connectionId, definition, raw, by: personId }),
      );
      if (change.ok)
        return void (await ctx.reply(`✅ ${definition.name} = ${change.stored}`, { reply_markup: done }));
      await ctx.reply(`${change.error}\n\nSend another value, or /cancel.`);
    }
  };
}
