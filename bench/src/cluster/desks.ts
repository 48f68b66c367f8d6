import type { Database, SecretBox } from "@topicdesk/db";
import { createSupportDesk, type SimUser, type TelegramSim } from "@topicdesk/telegram-sim";
import type { Kysely } from "kysely";

/** One connection: a bot, its forum backend group with an operator, and the clients who write to it. */
export interface Desk {
  connectionId: string;
  bot: SimUser;
  groupId: number;
  clients: SimUser[];
}

export interface SeededDesks {
  desks: Desk[];
  /** Building the simulated world (bots, groups, people) in the simulator. */
  simulatorSeconds: number;
  /** Sealing the tokens and inserting the connection rows: what a real install's seeding costs. */
  databaseSeconds: number;
}

const FIRST_BOT_ID = 810_000_000;
/** Rows per INSERT: 10 columns each stays far below Postgres's 65,535 bind parameters. */
const INSERT_CHUNK = 1_000;

/**
 * Creates `count` desks in the simulator and their connection rows in the database, in bulk: a
 * 10,000-connection install is seeded in seconds (one sealed token and webhook secret per row,
 * AES-GCM at microseconds each, and multi-row INSERTs), where registering each bot through
 * `registerBotConnection` would cost two Bot API calls per connection.
 */
export async function seedDesks(
  sim: TelegramSim,
  db: Kysely<Database>,
  box: SecretBox,
  options: { count: number; clientsPerDesk: number },
): Promise<SeededDesks> {
  const simulatorStarted = performance.now();
  const desks: Array<Desk & { token: string; operatorId: number }> = [];
  for (let index = 0; index < options.count; index += 1) {
    const number = String(index + 1).padStart(5, "0");
    const token = `${FIRST_BOT_ID + index}:BENCH-desk-${number}-0123456789abcdefghij`;
    const { bot, operator, groupId } = createSupportDesk(sim, {
      bot: { token, username: `bench_desk_${number}_bot`, firstName: `Desk ${number}` },
      operator: { firstName: "Operator", lastName: number },
      groupTitle: `Support ${number}`,
    });
    const clients = Array.from({ length: options.clientsPerDesk }, (_, client) =>
      sim.createUser({ firstName: "Client", lastName: `${number}-${client + 1}`, languageCode: "en" }),
    );
    desks.push({ connectionId: `desk-${number}`, bot, groupId, clients, token, operatorId: operator.id });
  }
  const databaseStarted = performance.now();
  for (let start = 0; start < desks.length; start += INSERT_CHUNK) {
    const rows = desks.slice(start, start + INSERT_CHUNK).map((desk) => ({
      id: desk.connectionId,
      kind: "bot" as const,
      title: `@${desk.bot.username}`,
      bot_user_id: desk.bot.id,
      bot_username: desk.bot.username ?? null,
      token_encrypted: box.seal(desk.token),
      webhook_secret_encrypted: box.seal(`bench-webhook-secret-${desk.connectionId}`),
      backend_chat_id: desk.groupId,
      admin_user_id: desk.operatorId,
    }));
    await db.insertInto("connections").values(rows).execute();
  }
  return {
    desks: desks.map(({ connectionId, bot, groupId, clients }) => ({ connectionId, bot, groupId, clients })),
    simulatorSeconds: (databaseStarted - simulatorStarted) / 1000,
    databaseSeconds: (performance.now() - databaseStarted) / 1000,
  };
}
