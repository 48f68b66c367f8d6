import { createInterface } from "node:readline/promises";
import { loadConfig } from "@topicdesk/config";
import { createDatabase, createSecretBox, migrateToLatest } from "@topicdesk/db";
import type { Command } from "commander";
import {
  type AccountCommandContext,
  addParallelBot,
  listAccounts,
  loginAccount,
  logoutAccount,
} from "./account-commands.ts";

/** `pnpm topicdesk accounts …`: MTProto sessions of accounts and of bots in parallel mode. */
export function registerAccountCommands(program: Command): void {
  const accounts = program.command("accounts").description("accounts and parallel-mode bots (MTProto)");
  accounts.command("list").action(withAccountContext((context) => listAccounts(context.db)));
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
    .action(withAccountContext((context, id: string) => logoutAccount(context.db, id)));
}

function withAccountContext<Args extends unknown[]>(
  action: (context: AccountCommandContext, ...args: Args) => Promise<string>,
): (...args: Args) => Promise<void> {
  return async (...args) => {
    const config = loadConfig();
    const db = createDatabase({ url: config.databaseUrl });
    const terminal = createInterface({ input: process.stdin, output: process.stdout });
    try {
      await migrateToLatest(db);
      const context: AccountCommandContext = {
        db,
        box: createSecretBox(config.secretKey),
        credentials: config.mtproto,
        ask: (question) => terminal.question(question),
        say: (line) => void process.stdout.write(`${line}\n`),
      };
      process.stdout.write(`${await action(context, ...args)}\n`);
    } finally {
      terminal.close();
      await db.destroy();
    }
  };
}
