import type { Update, WebhookInfo } from "@grammyjs/types";
import { badRequest } from "../errors.ts";
import type { Params } from "../request-params.ts";
import type { UpdateType } from "../update-delivery.ts";
import type { MethodContext, MethodTable } from "./context.ts";

/** getUpdates and the webhook methods; the queues themselves live in update-delivery.ts. */

function allowedUpdates(params: Params): UpdateType[] | undefined {
  const value = params.json("allowed_updates");
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw badRequest("can't parse allowed updates JSON object");
  }
  return value as UpdateType[];
}

function getUpdates(ctx: MethodContext, params: Params): Promise<Update[]> {
  return ctx.delivery.getUpdates(ctx.botId, {
    offset: params.int("offset"),
    limit: params.int("limit"),
    timeoutSeconds: Math.max(0, params.int("timeout") ?? 0),
    allowedUpdates: allowedUpdates(params),
  });
}

function setWebhook(ctx: MethodContext, params: Params): true {
  ctx.delivery.setWebhook(ctx.botId, {
    url: params.str("url") ?? "",
    secretToken: params.str("secret_token"),
    allowedUpdates: allowedUpdates(params),
    dropPendingUpdates: params.bool("drop_pending_updates") ?? false,
    maxConnections: params.int("max_connections"),
  });
  return true;
}

function deleteWebhook(ctx: MethodContext, params: Params): true {
  ctx.delivery.deleteWebhook(ctx.botId, params.bool("drop_pending_updates") ?? false);
  return true;
}

function getWebhookInfo(ctx: MethodContext): WebhookInfo {
  return ctx.delivery.webhookInfo(ctx.botId);
}

export const updateMethods: MethodTable = { getUpdates, setWebhook, deleteWebhook, getWebhookInfo };
