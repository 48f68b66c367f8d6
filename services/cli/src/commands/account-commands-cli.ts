import { createInterface } from "node:readline/promises";
import { loadConfig } from "@topicdesk/config";
import { type ConnectionChanges, unannouncedConnectionChanges } from "@topicdesk/connections";
import { createDatabase, createSecretBox, migrateToLatest } from "@topicdesk/db";
import type { Command } from "commander";
import {
  type AccountCommandContext,
  addParallelBot,
  listAccounts,
  loginAccount,
  logoutAccount,
} from "./account-commands.ts";
import { withConnectionChanges } from "./change-announcer.ts";

/** `pnpm topicdesk accounts …`: MTProto sessions of accounts and of bots in parallel mode. */
export function registerAccountCommands(program: Command): void {
  const accounts = program.command("accounts").description("accounts and parallel-mode bots (MTProto)");
  accounts
    .command("list")
    .action(withAccountContext((context) => listAccounts(context.db), { announces: false }));
  accounts
    .command("login <connection>")
    .description("log a personal or company account in by phone code (and two-step password)")
    .requiredOption("--phone <phone>", "the account's phone number, international format (+49…)")
    .option("--backend <chatId>", "backend group chat id (-100…), for a new connection")
    .option("--title <title>", "the connection's name in lists")
    .action(
      withAccountContext(
        (context, id: string, options: { phone: string; backend?: string; title?: string }) =>
          loginAccount(context, { id, ...options }),
      ),
    );
  accounts
    .command("add-bot <token>")
    .description("run a bot another system already runs, in parallel mode (logged in over MTProto)")
    .requiredOption("--id <connection>", "connection id for the parallel bot")
    .option("--backend <chatId>", "backend group chat id (-100…), for a new connection")
    .action(
      withAccountContext((context, token: string, options: { id: string; backend?: string }) =>
        addParallelBot(context, { token, ...options }),
      ),
    );
  accounts
    .command("logout <connection>")
    .description("forget a session: Topicdesk stops running it")
    .action(withAccountContext((context, id: string) => logoutAccount(context.db, context.changes, id)));
}

/**
 * Runs an account command with the database, the terminal and (for commands that change a
 * connection, `announces`) a NATS connection to announce the change on (`withConnectionChanges`).
 */
function withAccountContext<Args extends unknown[]>(
  action: (context: AccountCommandContext, ...args: Args) => Promise<string>,
  { announces } = { announces: true },
): (...args: Args) => Promise<void> {
  return async (...args) => {
    const config = loadConfig();
    const db = createDatabase({ url: config.databaseUrl });
    const terminal = createInterface({ input: process.stdin, output: process.stdout });
    const run = (changes: ConnectionChanges) =>
      action(
        {
          db,
          box: createSecretBox(config.secretKey),
          credentials: config.mtproto,
          changes,
          ask: (question) => terminal.question(question),
          say: (line) => void process.stdout.write(`${line}\n`),
        },
        ...args,
      );
    try {
      await migrateToLatest(db);
      const result = announces
        ? await withConnectionChanges(config.natsUrl, run)
        : await run(unannouncedConnectionChanges);
      process.stdout.write(`${result}\n`);
    } finally {
      terminal.close();
      await db.destroy();
    }
  };
}
