import { ConnectionRepository, type Database, EventLedger } from "@topicdesk/db";
import { createSupportDesk, startTelegramSim, type TelegramSim } from "@topicdesk/telegram-sim";
import type { Kysely } from "kysely";

/** Names the CLI looks for (`pnpm topicdesk sim say client …`). */
export const DEMO_CLIENT_NAME = "Chris";
export const DEMO_OPERATOR_NAME = "Olivia";
export const DEMO_BOT_TOKEN = "100001:DEMO-simulated-bot-token-for-topicdesk-demo-only";

export interface DemoWorld {
  sim: TelegramSim;
  botToken: string;
  backendChatId: number;
  operatorId: number;
  clientId: number;
}

/**
 * A small Telegram world in the simulator for `pnpm start` without a token: a bot, a forum backend
 * group where the bot may manage topics, an operator who owns the group, and a client.
 */
export async function startDemoWorld(port: number): Promise<DemoWorld> {
  const sim = await startTelegramSim({ port, limits: false });
  const { operator, groupId } = createSupportDesk(sim, {
    bot: { token: DEMO_BOT_TOKEN, username: "topicdesk_demo_bot", firstName: "Topicdesk Demo" },
    operator: { firstName: DEMO_OPERATOR_NAME, lastName: "(operator)", username: "olivia_support" },
    groupTitle: "Topicdesk demo support",
  });
  const client = sim.createUser({
    firstName: DEMO_CLIENT_NAME,
    lastName: "(client)",
    username: "chris_client",
    languageCode: "en",
  });
  return {
    sim,
    botToken: DEMO_BOT_TOKEN,
    backendChatId: groupId,
    operatorId: operator.id,
    clientId: client.id,
  };
}

export function demoInstructions(simUrl: string): string {
  return [
    "",
    "Topicdesk runs against the built-in Telegram simulator (no TOPICDESK_BOT_TOKEN given).",
    `Simulator: ${simUrl}`,
    "In another terminal, play both sides:",
    `  pnpm topicdesk sim say client "Hello, my order has not arrived"   # ${DEMO_CLIENT_NAME} writes to the bot`,
    "  pnpm topicdesk sim show group                                      # the topic that appeared",
    `  pnpm topicdesk sim say operator "Sorry! Sending it today."         # ${DEMO_OPERATOR_NAME} answers in the topic`,
    "  pnpm topicdesk sim show client                                     # what the client received",
    `  pnpm topicdesk sim say operator "/close"                           # close the dialog`,
    "",
  ].join("\n");
}

/**
 * The simulator starts from scratch on every run (its chats, topics and update ids begin again), so
 * the demo connection's dialogs and processed events from an earlier run must go too: an old
 * "already processed" update id would otherwise swallow a new message.
 */
export async function resetDemoConnection(db: Kysely<Database>, connectionId: string): Promise<void> {
  await new ConnectionRepository(db).remove(connectionId);
  await new EventLedger(db).forgetConnection(connectionId);
}
