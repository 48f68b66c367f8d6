import { ConfigError, loadConfig } from "@topicdesk/config";
import { createDatabase, createSecretBox, migrateToLatest } from "@topicdesk/db";
import { Command } from "commander";
import { CliError } from "./cli-error.ts";
import { registerAccountCommands } from "./commands/account-commands-cli.ts";
import { createApiKey, listApiKeys, revokeApiKey } from "./commands/api-key-commands.ts";
import { withConnectionChanges } from "./commands/change-announcer.ts";
import {
  addConnection,
  listConnections,
  removeConnection,
  setConnectionStatus,
} from "./commands/connection-commands.ts";
import { listParameters, parametersHelp, setParameter, unsetParameter } from "./commands/params-commands.ts";
import { removeRelay, setRelay } from "./commands/relay-commands.ts";
import { registerSimCommands } from "./commands/sim-commands.ts";
import {
  addWebhook,
  listDeadLetters,
  listWebhooks,
  removeWebhook,
  replayDeadLetters,
  resumeWebhook,
  setWebhookEvents,
  showWebhookKeys,
} from "./commands/webhook-commands.ts";

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
      withConnectionChanges(config.natsUrl, (changes) => addConnection(db, box, config, changes, options)),
    ),
  );
connections
  .command("remove <id>")
  .action(
    withDatabase(({ db, config }, id: string) =>
      withConnectionChanges(config.natsUrl, (changes) => removeConnection(db, changes, id)),
    ),
  );
connections
  .command("pause <id>")
  .action(
    withDatabase(({ db, config }, id: string) =>
      withConnectionChanges(config.natsUrl, (changes) => setConnectionStatus(db, changes, id, "paused")),
    ),
  );
connections
  .command("resume <id>")
  .action(
    withDatabase(({ db, config }, id: string) =>
      withConnectionChanges(config.natsUrl, (changes) => setConnectionStatus(db, changes, id, "active")),
    ),
  );

connections
  .command("relay <id>")
  .description("forward every update of this bot to the system that owned its webhook")
  .option("--url <url>", "the other system's webhook URL")
  .option("--secret <token>", "the secret token the other system expects")
  .option("--off", "stop relaying")
  .action(
    withDatabase(({ db, box }, id: string, options: { url?: string; secret?: string; off?: boolean }) => {
      if (options.off) return removeRelay(db, id);
      if (!options.url) throw new CliError("relay needs --url <url> (or --off)");
      return setRelay(db, box, id, {
        url: options.url,
        ...(options.secret ? { secret: options.secret } : {}),
      });
    }),
  );

const params = program.command("params").description("per-connection parameters");
params.command("help").action(async () => void process.stdout.write(`${parametersHelp()}\n`));
params.command("list <connection>").action(withDatabase(({ db }, id: string) => listParameters(db, id)));
// Parameter writes announce themselves on NATS: running routers cache parameters.
params
  .command("set <connection> <name> <value>")
  .action(
    withDatabase(({ db, config }, id: string, name: string, value: string) =>
      withConnectionChanges(config.natsUrl, (changes) => setParameter(db, changes, id, name, value)),
    ),
  );
params
  .command("unset <connection> <name>")
  .action(
    withDatabase(({ db, config }, id: string, name: string) =>
      withConnectionChanges(config.natsUrl, (changes) => unsetParameter(db, changes, id, name)),
    ),
  );

const webhook = program.command("webhook").description("outgoing webhooks: receivers, keys, dead letters");
webhook
  .command("list <connection>")
  .action(withDatabase(({ db, box }, id: string) => listWebhooks(db, box, id)));
// Receiver writes announce themselves: a subscribed /command makes running routers publish it.
webhook
  .command("add <connection> <url> <events>")
  .description('register a receiver; events like "dialog_created,/invoice"')
  .action(
    withDatabase(({ db, box, config }, id: string, url: string, events: string) =>
      withConnectionChanges(config.natsUrl, (changes) => addWebhook(db, box, changes, id, url, events)),
    ),
  );
webhook
  .command("events <connection> <id> <events>")
  .description("replace a receiver's events")
  .action(
    withDatabase(({ db, box, config }, id: string, receiver: string, events: string) =>
      withConnectionChanges(config.natsUrl, (changes) =>
        setWebhookEvents(db, box, changes, id, receiver, events),
      ),
    ),
  );
webhook
  .command("remove <connection> <id>")
  .action(
    withDatabase(({ db, box, config }, id: string, receiver: string) =>
      withConnectionChanges(config.natsUrl, (changes) => removeWebhook(db, box, changes, id, receiver)),
    ),
  );
webhook
  .command("keys <connection>")
  .option("--rotate", "replace both keys")
  .action(
    withDatabase(({ db, box }, id: string, options: { rotate?: boolean }) =>
      showWebhookKeys(db, box, id, options),
    ),
  );
webhook
  .command("dead-letters <connection>")
  .action(withDatabase(({ db }, id: string) => listDeadLetters(db, id)));
webhook
  .command("replay <connection> [ids...]")
  .description("send dead letters again (all pending ones without ids)")
  .action(withDatabase(({ db }, id: string, ids: string[]) => replayDeadLetters(db, id, ids)));
webhook
  .command("resume <connection> <url>")
  .action(withDatabase(({ db }, id: string, url: string) => resumeWebhook(db, id, url)));

const keys = program.command("keys").description("API keys (stored hashed; a key is shown once)");
keys
  .command("create [connection]")
  .requiredOption("--scopes <scopes>", "comma-separated: read, write, admin")
  .option("--label <label>", "what the key is for", "cli")
  .option("--all", "an installation-wide admin key (adds and lists connections)")
  .action(
    withDatabase(
      ({ db }, id: string | undefined, options: { scopes: string; label: string; all?: boolean }) =>
        createApiKey(db, id, options),
    ),
  );
keys
  .command("list [connection]")
  .action(withDatabase(({ db }, id: string | undefined) => listApiKeys(db, id)));
keys
  .command("revoke <keyId> [connection]")
  .action(withDatabase(({ db }, keyId: string, id: string | undefined) => revokeApiKey(db, id, keyId)));

registerSimCommands(program);
registerAccountCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CliError || error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
