import { removeConnection, setConnectionStatus } from "@topicdesk/connections";
import {
  API_SCOPES,
  ApiKeyRepository,
  type Connection,
  ConnectionRepository,
  OperatorRepository,
  ParameterRepository,
} from "@topicdesk/db";
import { resolveParameters } from "@topicdesk/params";
import { InlineKeyboard } from "grammy";
import { reviewBackendGroup } from "../connections/backend-group-review.ts";
import { connectionsOfAdmin } from "../connections/connection-access.ts";
import { EDIT_PARAMETER_CONVERSATION } from "../conversations/edit-parameter-conversation.ts";
import { parameterAt } from "../parameters/parameter-change.ts";
import type { SetupContext } from "../setup-context.ts";
import type { SetupDeps } from "../setup-deps.ts";
import { apiKeysView } from "./api-keys-view.ts";
import { type ConnectionAction, connectionData } from "./callback-data.ts";
import { connectionCard } from "./connection-card.ts";
import { mainMenu } from "./main-menu.ts";
import { operatorsView } from "./operators-view.ts";
import { parameterList } from "./parameter-list.ts";

/** The person (already known to be the administrator) pressed a button of this connection. */
type ActionHandler = (
  ctx: SetupContext,
  deps: SetupDeps,
  connection: Connection,
  argument: number | undefined,
) => Promise<void>;

/** One handler per button of a connection card and the screens under it. */
export const connectionActions: Record<ConnectionAction, ActionHandler> = {
  card: showCard,
  params: async (ctx, deps, connection) => {
    const stored = await new ParameterRepository(deps.db).listRaw(connection.id);
    const view = parameterList(connection.id, stored);
    await ctx.reply(view.text, { reply_markup: view.keyboard });
  },
  param: async (ctx, _deps, connection, argument) => {
    if (argument === undefined || !parameterAt(argument)) return void (await ctx.reply("Unknown parameter."));
    await ctx.conversation.enter(EDIT_PARAMETER_CONVERSATION, connection.id, argument);
  },
  group: checkGroup,
  ops: async (ctx, deps, connection) => {
    const operators = await new OperatorRepository(deps.db).list(connection.backend_chat_id);
    const resolved = resolveParameters(await new ParameterRepository(deps.db).listRaw(connection.id));
    const view = operatorsView(connection, operators, resolved.values.EXTENSIONS_ALLOWED);
    await ctx.reply(view.text, { reply_markup: view.keyboard });
  },
  keys: showApiKeys,
  "key-new": async (ctx, deps, connection, argument) => {
    const scope = API_SCOPES[argument ?? -1];
    if (!scope) return void (await ctx.reply("Unknown scope."));
    const issued = await new ApiKeyRepository(deps.db).issue({
      connectionId: connection.id,
      label: `setup bot, ${ctx.from?.first_name ?? "administrator"}`,
      scopes: [scope],
    });
    // The one time the key is shown: only its hash is stored.
    await ctx.reply(
      `New ${scope} key #${issued.row.id} for “${connection.id}”. Copy it now, it is not shown again:`,
    );
    await ctx.reply(issued.key);
    await showApiKeys(ctx, deps, connection);
  },
  "key-revoke": async (ctx, deps, connection, argument) => {
    const revoked =
      argument !== undefined && (await new ApiKeyRepository(deps.db).revoke(connection.id, argument));
    await ctx.reply(revoked ? `Key #${argument} is revoked.` : `Key #${argument} was already revoked.`);
    await showApiKeys(ctx, deps, connection);
  },
  pause: (ctx, deps, connection) => setStatus(ctx, deps, connection, "paused"),
  resume: (ctx, deps, connection) => setStatus(ctx, deps, connection, "active"),
  delete: async (ctx, _deps, connection) => {
    await ctx.reply(
      `Delete “${connection.id}” with its dialogs and parameters? Topics in the backend group stay, but no longer relay.`,
      {
        reply_markup: new InlineKeyboard()
          .text("Yes, delete", connectionData(connection.id, "delete-confirmed"))
          .text("No", connectionData(connection.id, "card")),
      },
    );
  },
  "delete-confirmed": async (ctx, deps, connection) => {
    await removeConnection(deps.db, deps.changes, connection.id);
    const menu = mainMenu(await connectionsOfAdmin(deps, connection.admin_user_id ?? 0));
    await ctx.reply(`“${connection.id}” is deleted.\n\n${menu.text}`, { reply_markup: menu.keyboard });
  },
};

async function showApiKeys(ctx: SetupContext, deps: SetupDeps, connection: Connection): Promise<void> {
  const view = apiKeysView(connection.id, await new ApiKeyRepository(deps.db).list(connection.id));
  await ctx.reply(view.text, { reply_markup: view.keyboard });
}

async function showCard(ctx: SetupContext, _deps: SetupDeps, connection: Connection): Promise<void> {
  const card = connectionCard(connection);
  await ctx.reply(card.text, { reply_markup: card.keyboard });
}

/** Checks the backend group again as the connected bot sees it; the button repeats the check. */
async function checkGroup(ctx: SetupContext, deps: SetupDeps, connection: Connection): Promise<void> {
  const repository = new ConnectionRepository(deps.db);
  const token = repository.revealToken(connection, deps.secretBox);
  if (!token || connection.bot_user_id === null || ctx.from === undefined) {
    return void (await ctx.reply("This connection has no bot token to check the group with."));
  }
  const review = await reviewBackendGroup({
    telegramApiRoot: deps.telegramApiRoot,
    token,
    botUserId: connection.bot_user_id,
    chatId: connection.backend_chat_id,
    personId: ctx.from.id,
  });
  await ctx.reply(review.text, {
    reply_markup: new InlineKeyboard()
      .text("Check again", connectionData(connection.id, "group"))
      .text("« Connection", connectionData(connection.id, "card")),
  });
}

async function setStatus(
  ctx: SetupContext,
  deps: SetupDeps,
  connection: Connection,
  status: "active" | "paused",
): Promise<void> {
  const updated = (await setConnectionStatus(deps.db, deps.changes, connection.id, status)) ?? connection;
  await ctx.reply(status === "paused" ? "Paused: messages are not relayed until you resume." : "Resumed.");
  await showCard(ctx, deps, updated);
}
