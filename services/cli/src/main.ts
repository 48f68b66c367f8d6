import { ConfigError, loadConfig } from "@topicdesk/config";
import { createDatabase, createSecretBox, migrateToLatest } from "@topicdesk/db";
import { Command } from "commander";
import { CliError } from "./cli-error.ts";
import {
  addConnection,
  listConnections,
  removeConnection,
  setConnectionStatus,
} from "./commands/connection-commands.ts";
import { listParameters, parametersHelp, setParameter, unsetParameter } from "./commands/params-commands.ts";
import { registerSimCommands } from "./commands/sim-commands.ts";

/** `pnpm topicdesk …`: manage connections and parameters, run migrations, play the simulator. */
const program = new Command("topicdesk").description("Topicdesk command line").showHelpAfterError();

function withDatabase<Args extends unknown[]>(
  action: (context: DatabaseContext, ...args: Args) => Promise<string>,
): (...args: Args) => Promise<void> {
  return async (...args) => {
    const config = loadConfig();
    const db = createDatabase({ url: config.databaseUrl });
    try {
      await migrateToLatest(db);
      process.stdout.write(
        `${await action({ db, config, box: createSecretBox(config.secretKey) }, ...args)}\n`,
      );
    } finally {
      await db.destroy();
    }
  };
}

interface DatabaseContext {
  db: ReturnType<typeof createDatabase>;
  config: ReturnType<typeof loadConfig>;
  box: ReturnType<typeof createSecretBox>;
}

program
  .command("migrate")
  .description("apply database migrations")
  .action(withDatabase(async () => "Database is up to date."));

const connections = program.command("connections").description("connected bots");
connections.command("list").action(withDatabase(({ db }) => listConnections(db)));
connections
  .command("add")
  .requiredOption("--token <token>", "bot token from @BotFather")
  .requiredOption("--backend <chatId>", "backend group chat id (-100…)")
  .option("--id <id>", "connection id", "main")
  .action(
    withDatabase(({ db, box, config }, options: { token: string; backend: string; id: string }) =>
      addConnection(db, box, config, options),
    ),
  );
connections.command("remove <id>").action(withDatabase(({ db }, id: string) => removeConnection(db, id)));
connections
  .command("pause <id>")
  .action(withDatabase(({ db }, id: string) => setConnectionStatus(db, id, "paused")));
connections
  .command("resume <id>")
  .action(withDatabase(({ db }, id: string) => setConnectionStatus(db, id, "active")));

const params = program.command("params").description("per-connection parameters");
params.command("help").action(async () => void process.stdout.write(`${parametersHelp()}\n`));
params.command("list <connection>").action(withDatabase(({ db }, id: string) => listParameters(db, id)));
params
  .command("set <connection> <name> <value>")
  .action(
    withDatabase(({ db }, id: string, name: string, value: string) => setParameter(db, id, name, value)),
  );
params
  .command("unset <connection> <name>")
  .action(withDatabase(({ db }, id: string, name: string) => unsetParameter(db, id, name)));

registerSimCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CliError || error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
