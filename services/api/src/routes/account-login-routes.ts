import { randomUUID } from "node:crypto";
import { natsConnectionChanges } from "@topicdesk/connections";
import { ConnectionRepository, MtprotoSessionRepository } from "@topicdesk/db";
import { type AccountLoginProgress, PendingAccountLogins } from "@topicdesk/mtproto-login";
import type { FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import { ApiError, badRequest, conflict } from "../app/api-errors.ts";
import type { ApiApp, ApiDeps } from "../app/route-context.ts";
import { authorize, requireCaller, requireInstallationAdmin, requireScope } from "../auth/api-key-auth.ts";
import {
  AccountLoginErrorBody,
  AccountLoginView,
  accountLoginView,
  LoginCodeBody,
  LoginParams,
  LoginPasswordBody,
  StartAccountLoginBody,
} from "../schemas/account-login-schemas.ts";
import { authErrors, keySecurity, OkBody } from "../schemas/common-schemas.ts";
import { loginRefusal, mtprotoOff, passwordNeeded } from "./account-login-errors.ts";

const tags = ["account logins"];
const loginErrorRef = Type.Ref("AccountLoginErrorBody");
const loginErrors = {
  ...authErrors,
  404: loginErrorRef,
  409: loginErrorRef,
  410: loginErrorRef,
  422: loginErrorRef,
  429: loginErrorRef,
  503: loginErrorRef,
};

/**
 * Logging a personal or company account in by phone code and two-step password, over several
 * requests (`libs/mtproto-login`, the same flow as the CLI and the setup bot). A login lives in this
 * process's memory (its MTProto client must stay connected between the steps), so its follow-up
 * requests must reach the same API replica; elsewhere they get 404 `login_not_open`.
 * Codes and passwords are never logged: they travel only in request bodies, which are not logged.
 */
export function accountLoginRoutes(app: ApiApp, deps: ApiDeps): void {
  app.addSchema(AccountLoginErrorBody);
  app.addSchema(AccountLoginView);
  const clients = deps.accountLogin;
  const changes = natsConnectionChanges(deps.bus.nc, { prefix: deps.naming.prefix, log: deps.log });
  const logins =
    clients &&
    new PendingAccountLogins<string>({
      db: deps.db,
      secretBox: deps.secretBox,
      createClient: (storage) => clients.createClient(storage),
      // Ingress and delivery (and the mtproto service's scan) follow the new connection at once.
      onConnected: (connectionId) => changes.announce(connectionId, "added"),
      onCloseError: (error) => deps.log.warn({ err: error }, "login client did not close"),
    });
  app.addHook("onClose", async () => {
    await logins?.cancelAll();
  });
  const running = (): PendingAccountLogins<string> => {
    if (!logins) throw mtprotoOff();
    return logins;
  };
  const viewRef = Type.Ref("AccountLoginView");

  app.post(
    "/accounts/logins",
    {
      schema: {
        tags,
        summary: "Start logging an account in: Telegram sends it a login code",
        description:
          "Installation-wide admin key for a new connection (created now, removed if the login does not finish); the connection's admin key to log an existing account connection in again. Answers the login id for the next steps.",
        security: keySecurity,
        body: StartAccountLoginBody,
        response: { 201: viewRef, ...loginErrors },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const existing = await existingAccount(deps, request, body.connectionId);
      if (running().isOpenFor(body.connectionId)) {
        throw conflict(`A login of ${body.connectionId} is open already: finish or cancel it first.`);
      }
      if (!existing && body.backendChatId === undefined) {
        throw badRequest("A new account connection needs backendChatId: the forum supergroup (-100…).");
      }
      const loginId = randomUUID();
      const progress = await refused(reply, () =>
        running().start(loginId, {
          connectionId: body.connectionId,
          phone: body.phone,
          ...(existing
            ? {}
            : {
                newConnection: {
                  backendChatId: body.backendChatId ?? 0,
                  adminUserId: body.adminUserId ?? null,
                  ...(body.title === undefined ? {} : { title: body.title }),
                },
              }),
        }),
      );
      return reply.code(201).send(accountLoginView(loginId, progress));
    },
  );

  app.get(
    "/accounts/logins/:loginId",
    {
      schema: {
        tags,
        summary: "What a login in progress waits for",
        security: keySecurity,
        params: LoginParams,
        response: { 200: viewRef, ...loginErrors },
      },
    },
    async (request) => {
      const { loginId } = request.params;
      const step = running().stepOf(loginId);
      authorizeLogin(request, running().connectionOf(loginId));
      if (!step) throw notOpen();
      return accountLoginView(loginId, step);
    },
  );

  app.post(
    "/accounts/logins/:loginId/code",
    {
      schema: {
        tags,
        summary: "Send the login code",
        description:
          "Answers `done`, or `password` with the hint when the account has two-step verification. A wrong code is 422 wrong_code (send it again); an expired one 410 code_expired (start again).",
        security: keySecurity,
        params: LoginParams,
        body: LoginCodeBody,
        response: { 200: viewRef, ...loginErrors },
      },
    },
    async (request, reply) => {
      const { loginId } = request.params;
      const logins = running();
      authorizeLogin(request, logins.connectionOf(loginId));
      const step = logins.stepOf(loginId);
      if (step?.kind === "password-needed") throw passwordNeeded(step);
      // Spaces and dashes are how people copy codes; Telegram takes the digits.
      const code = request.body.code.replace(/\D/g, "");
      return accountLoginView(loginId, await refused(reply, () => logins.submitCode(loginId, code)));
    },
  );

  app.post(
    "/accounts/logins/:loginId/password",
    {
      schema: {
        tags,
        summary: "Send the two-step verification password",
        description: "A wrong password is 422 wrong_password: send it again.",
        security: keySecurity,
        params: LoginParams,
        body: LoginPasswordBody,
        response: { 200: viewRef, ...loginErrors },
      },
    },
    async (request, reply) => {
      const { loginId } = request.params;
      const logins = running();
      authorizeLogin(request, logins.connectionOf(loginId));
      return accountLoginView(
        loginId,
        await refused(reply, () => logins.submitPassword(loginId, request.body.password)),
      );
    },
  );

  app.delete(
    "/accounts/logins/:loginId",
    {
      schema: {
        tags,
        summary: "Cancel a login; a connection it created is removed",
        security: keySecurity,
        params: LoginParams,
        response: { 200: OkBody, ...loginErrors },
      },
    },
    async (request) => {
      const { loginId } = request.params;
      const logins = running();
      authorizeLogin(request, logins.connectionOf(loginId));
      if (!(await logins.cancel(loginId))) throw notOpen();
      return { ok: true as const };
    },
  );
}

/**
 * Who may start a login: for a new connection an installation-wide admin key; for an existing
 * account connection (logging in again after a log-out) also that connection's admin key. A
 * session that is logged in is never logged in twice (Telegram ends duplicated auth keys).
 */
async function existingAccount(
  deps: ApiDeps,
  request: FastifyRequest,
  connectionId: string,
): Promise<boolean> {
  const caller = request.caller;
  const connection =
    caller?.connectionId === null || caller?.connectionId === connectionId
      ? await new ConnectionRepository(deps.db).get(connectionId)
      : undefined;
  if (!connection) {
    requireInstallationAdmin(request);
    return false;
  }
  authorize(request, connectionId, "admin");
  if (connection.kind !== "account") {
    throw conflict(`Connection ${connectionId} is a bot; log the account in under another id.`);
  }
  if ((await new MtprotoSessionRepository(deps.db).get(connectionId))?.authorized) {
    throw conflict(
      `Connection ${connectionId} is logged in already; log it out first (pnpm topicdesk accounts logout).`,
    );
  }
  return true;
}

/** The follow-up steps need an admin key that may act on the login's connection. */
function authorizeLogin(request: FastifyRequest, connectionId: string | undefined): void {
  if (connectionId === undefined) {
    // Still only for admin keys: others learn nothing about which logins exist.
    requireScope(requireCaller(request), "admin");
    throw notOpen();
  }
  authorize(request, connectionId, "admin");
}

/** Runs a login step; Telegram's refusals become API errors (a flood wait with `Retry-After`). */
async function refused(
  reply: FastifyReply,
  step: () => Promise<AccountLoginProgress>,
): Promise<AccountLoginProgress> {
  try {
    return await step();
  } catch (error) {
    const refusal = loginRefusal(error);
    const seconds = refusal instanceof ApiError ? refusal.details?.retryAfterSeconds : undefined;
    if (typeof seconds === "number") reply.header("retry-after", String(seconds));
    throw refusal;
  }
}

function notOpen(): ApiError {
  return new ApiError(
    404,
    "login_not_open",
    "This login is not open: it finished, timed out or was cancelled, or it was started on another API replica. Start again with the phone number.",
  );
}
