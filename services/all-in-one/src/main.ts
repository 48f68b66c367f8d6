import { type Config, ConfigError, loadConfig } from "@topicdesk/config";
import { registerBotConnection } from "@topicdesk/connections";
import { createDatabase, createSecretBox, migrateToLatest } from "@topicdesk/db";
import { startHealthServer } from "@topicdesk/health";
import { createLogger, startTelemetry } from "@topicdesk/telemetry";
import { demoInstructions, resetDemoConnection, startDemoWorld } from "./demo/demo-world.ts";
import { SERVICE_NAMES, type ServiceName, startStack } from "./stack.ts";

/**
 * `pnpm start`: the whole system in one process. With TOPICDESK_BOT_TOKEN it serves that bot;
 * without, it runs against the built-in simulator so a newcomer sees it work in a minute.
 * `pnpm start router` (or `ingress`, `delivery`, several) runs only those services: one image, one
 * Deployment per service in Kubernetes.
 */
const SHUTDOWN_DEADLINE_MS = 40_000;

async function main(): Promise<void> {
  const baseConfig = loadConfigOrExit();
  const services = servicesOrExit(process.argv.slice(2));
  const allInOne = services.length === SERVICE_NAMES.length;
  const telemetry = startTelemetry({ serviceName: "topicdesk-all-in-one" });
  const log = createLogger({ service: "all-in-one", level: baseConfig.logLevel });
  for (const warning of baseConfig.warnings) log.warn(warning);
  const demo = baseConfig.bot || !allInOne ? undefined : await startDemoWorld(baseConfig.simPort);
  const config: Config = demo
    ? {
        ...baseConfig,
        // Its own connection id: the demo wipes its connection on every start (see resetDemoConnection).
        connectionId: "demo",
        telegramApiRoot: demo.sim.apiRoot,
        bot: { token: demo.botToken, backendChatId: demo.backendChatId },
        updates: { mode: "polling", publicUrl: undefined },
        limits: { groupPerMinute: 0, chatPerSecond: 0, botPerSecond: 0 },
        // The demo plays against the simulator only: no setup bot, no MTProto sessions.
        setupBotToken: undefined,
        mtproto: undefined,
      }
    : baseConfig;
  const db = createDatabase({ url: config.databaseUrl });
  await migrateToLatest(db);
  if (demo) await resetDemoConnection(db, config.connectionId);
  if (config.bot && services.includes("ingress")) {
    await registerBotConnection(db, createSecretBox(config.secretKey), {
      id: config.connectionId,
      token: config.bot.token,
      backendChatId: config.bot.backendChatId,
      telegramApiRoot: config.telegramApiRoot,
      ...(demo ? { adminUserId: demo.operatorId } : {}),
    });
  }
  // The HTTP API listens beside ingress (TOPICDESK_HTTP_PORT) on its own port.
  const stack = await startStack({ config, log, db, services, api: { port: config.apiPort } });
  // Probes and metrics of this process on the ops port (k8s/base/patches/pod-defaults.yaml).
  const ops = await startHealthServer({
    host: config.http.host,
    port: config.opsPort,
    checks: stack.readinessChecks,
    metrics: telemetry.metricsHandler,
  });
  log.info(
    { services, connection: config.connectionId, updates: config.updates.mode, ops: ops.url },
    "topicdesk is running",
  );
  if (demo) process.stdout.write(demoInstructions(demo.sim.apiRoot));
  const shutdown = async (signal: string) => {
    log.info({ signal }, "stopping");
    // Kubernetes kills the pod after terminationGracePeriodSeconds (45 s); leave before that even if
    // a dependency hangs: whatever is unfinished is redelivered (JetStream) or re-run (BullMQ).
    setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref();
    await ops.close();
    await stack.stop();
    await db.destroy();
    await demo?.sim.close();
    await telemetry.shutdown();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

function servicesOrExit(args: string[]): ServiceName[] {
  if (args.length === 0) return [...SERVICE_NAMES];
  const unknown = args.filter((arg) => !(SERVICE_NAMES as readonly string[]).includes(arg));
  if (unknown.length > 0) {
    process.stderr.write(
      `Unknown service ${unknown.join(", ")}: expected any of ${SERVICE_NAMES.join(", ")}.\n`,
    );
    process.exit(1);
  }
  return args as ServiceName[];
}

function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

await main();
