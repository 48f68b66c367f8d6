import type { ITelegramStorageProvider } from "@mtcute/node";
import type { ConnectionChanges } from "@topicdesk/connections";
import {
  type Connection,
  ConnectionRepository,
  type Database,
  MtprotoSessionRepository,
  type SecretBox,
} from "@topicdesk/db";
import {
  AccountLogin,
  createMtcuteLoginClient,
  type LoginClient,
  LoginError,
  type LoginIdentity,
  type LoginStep,
  loginBot,
  type MtprotoApiCredentials,
  openSessionLogin,
  WrongCodeError,
  WrongPasswordError,
} from "@topicdesk/mtproto-login";
import type { Kysely } from "kysely";
import { CliError } from "../cli-error.ts";

/** What the account commands need; tests pass a fake login client and scripted answers. */
export interface AccountCommandContext {
  db: Kysely<Database>;
  box: SecretBox;
  /** TELEGRAM_API_ID / TELEGRAM_API_HASH; undefined when not configured. */
  credentials: MtprotoApiCredentials | undefined;
  /** Tells running ingress and delivery about a connection that now runs over its session. */
  changes: ConnectionChanges;
  /** Asks the person at the terminal (the code, the password). */
  ask(question: string): Promise<string>;
  /** Progress lines while the login runs. */
  say(line: string): void;
  createLoginClient?: (storage: ITelegramStorageProvider) => LoginClient;
}

const ATTEMPTS = 3;

export async function listAccounts(db: Kysely<Database>): Promise<string> {
  const sessions = await new MtprotoSessionRepository(db).list();
  if (sessions.length === 0) {
    return "No MTProto sessions. Log an account in with: pnpm topicdesk accounts login <id> --phone +… --backend -100…";
  }
  const connections = new Map((await new ConnectionRepository(db).list()).map((row) => [row.id, row]));
  return sessions
    .map((session) => {
      const connection = connections.get(session.connection_id);
      const state = session.authorized ? `logged in as ${session.self_user_id}` : "login not completed";
      const mode = session.mode === "bot" ? "bot (parallel mode)" : "account";
      return `${session.connection_id}\t${mode}\t${state}\t${connection?.status ?? "no connection"}`;
    })
    .join("\n");
}

/** `accounts login <id> --phone … [--backend …]`: a personal or company account, by code and password. */
export async function loginAccount(
  context: AccountCommandContext,
  input: { id: string; phone: string; backend?: string | undefined; title?: string | undefined },
): Promise<string> {
  const existing = await new ConnectionRepository(context.db).get(input.id);
  if (existing && existing.kind !== "account") {
    throw new CliError(`Connection ${input.id} is a bot; log an account in under another id.`);
  }
  const identity = await withSession(context, input.id, "user", existing, input, (client) =>
    runPhoneLogin(new AccountLogin(client), input.phone, context),
  );
  await context.changes.announce(input.id, existing ? "changed" : "added");
  return `Account ${identity.name} (${identity.id}) logged in as connection ${input.id}; the mtproto service starts it within seconds.`;
}

/**
 * `accounts add-bot <token> --id … --backend …`: parallel mode. The bot is logged in over MTProto
 * once; the token is not kept (the session is), and the other system's Bot API use goes on.
 */
export async function addParallelBot(
  context: AccountCommandContext,
  input: { token: string; id: string; backend?: string | undefined },
): Promise<string> {
  const connections = new ConnectionRepository(context.db);
  const existing = await connections.get(input.id);
  if (existing && (existing.kind !== "bot" || existing.token_encrypted !== null)) {
    throw new CliError(
      existing.kind === "bot"
        ? `Connection ${input.id} already runs this bot over the Bot API; parallel mode needs its own connection id.`
        : `Connection ${input.id} is an account; add the bot under another id.`,
    );
  }
  const identity = await withSession(context, input.id, "bot", existing, input, async (client) => {
    const bot = await loginBot(client, input.token);
    if (!bot.isBot) throw new CliError("That token did not log a bot in.");
    return bot;
  });
  await connections.upsertBotConnection(
    {
      id: input.id,
      title: identity.name,
      bot_user_id: identity.id,
      bot_username: identity.username,
      backend_chat_id: existing?.backend_chat_id ?? backendChatIdOf(input.backend),
    },
    context.box,
  );
  await context.changes.announce(input.id, existing ? "changed" : "added");
  return `Bot @${identity.username ?? identity.id} runs in parallel mode as connection ${input.id}: what the other system sends shows in the topics as intercepted.`;
}

/**
 * Forgets a session here; it stops running within a scan of the mtproto service, and delivery,
 * told of the change, stops sending through it at once.
 */
export async function logoutAccount(
  db: Kysely<Database>,
  changes: ConnectionChanges,
  id: string,
): Promise<string> {
  if (!(await new MtprotoSessionRepository(db).remove(id)))
    throw new CliError(`No MTProto session for ${id}.`);
  await changes.announce(id, "changed");
  return `Session of ${id} forgotten: Topicdesk no longer runs it. End it in Telegram too (Settings → Devices), where it is still listed.`;
}

/**
 * Runs a login over the session's own sealed storage (`openSessionLogin`: the connection if new,
 * the session row) and marks the session authorized. A login that fails leaves nothing behind that
 * it created.
 */
async function withSession(
  context: AccountCommandContext,
  id: string,
  mode: "user" | "bot",
  existing: Connection | undefined,
  input: { backend?: string | undefined; title?: string | undefined },
  login: (client: LoginClient) => Promise<LoginIdentity>,
): Promise<LoginIdentity> {
  const credentials = context.credentials;
  if (!credentials && !context.createLoginClient) {
    throw new CliError(
      "Set TELEGRAM_API_ID and TELEGRAM_API_HASH (from my.telegram.org) to log in over MTProto.",
    );
  }
  const session = await openSessionLogin({
    db: context.db,
    secretBox: context.box,
    connectionId: id,
    mode,
    newConnection: existing
      ? undefined
      : {
          kind: mode === "user" ? "account" : "bot",
          title: input.title ?? id,
          backend_chat_id: backendChatIdOf(input.backend),
        },
    createClient: (storage) =>
      context.createLoginClient?.(storage) ??
      createMtcuteLoginClient({
        apiId: credentials?.apiId ?? 0,
        apiHash: credentials?.apiHash ?? "",
        storage,
      }),
  });
  try {
    const identity = await login(session.client);
    await session.complete(identity);
    return identity;
  } catch (error) {
    await session.abandon();
    if (error instanceof LoginError) throw new CliError(error.message);
    throw error;
  }
}

/** Walks the person through code and password, letting them retry a mistyped one. */
async function runPhoneLogin(
  login: AccountLogin,
  phone: string,
  context: AccountCommandContext,
): Promise<LoginIdentity> {
  let step: LoginStep = await login.start(phone);
  let attempt = 0;
  for (;;) {
    attempt += 1;
    if (step.kind === "done") return step.identity;
    if (step.kind === "code-sent") {
      if (attempt === 1) context.say(`Telegram sent a ${step.length}-digit code (${step.delivery}).`);
      const answer = await context.ask("Login code: ");
      step = (await retryable(() => login.submitCode(answer), attempt, WrongCodeError, context)) ?? step;
      if (step.kind !== "code-sent") attempt = 0;
    } else {
      if (attempt === 1)
        context.say(`Two-step verification is on${step.hint ? ` (hint: ${step.hint})` : ""}.`);
      const answer = await context.ask("Password: ");
      step =
        (await retryable(() => login.submitPassword(answer), attempt, WrongPasswordError, context)) ?? step;
    }
  }
}

/** One attempt; a mistyped answer is said and undefined returned (ask again), up to ATTEMPTS. */
async function retryable(
  attempt: () => Promise<LoginStep>,
  count: number,
  mistake: new () => LoginError,
  context: AccountCommandContext,
): Promise<LoginStep | undefined> {
  try {
    return await attempt();
  } catch (error) {
    if (!(error instanceof mistake) || count >= ATTEMPTS) throw error;
    context.say(error.message);
    return undefined;
  }
}

function backendChatIdOf(backend: string | undefined): number {
  const backendChatId = Number(backend);
  if (backend === undefined || !Number.isSafeInteger(backendChatId) || backendChatId >= 0) {
    throw new CliError(
      `--backend expects the backend group's chat id, a negative number like -1001234567890; got "${backend ?? ""}"`,
    );
  }
  return backendChatId;
}
