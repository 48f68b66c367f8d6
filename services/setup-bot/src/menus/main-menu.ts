import type { Connection } from "@topicdesk/db";
import { InlineKeyboard } from "grammy";
import { CONNECT_ACCOUNT, CONNECT_BOT, connectionData } from "./callback-data.ts";

/** The answer to /start: the person's connections and the ways to add one (reference §3.7, §8.1). */
export function mainMenu(connections: readonly Connection[]): { text: string; keyboard: InlineKeyboard } {
  const keyboard = new InlineKeyboard();
  for (const connection of connections) {
    const paused = connection.status === "paused" ? " (paused)" : "";
    keyboard
      .text(`⚙️ ${connection.title} · ${connection.id}${paused}`, connectionData(connection.id, "card"))
      .row();
  }
  keyboard.text("➕ Connect a bot", CONNECT_BOT).text("➕ Connect an account", CONNECT_ACCOUNT);
  const text =
    connections.length === 0
      ? "Welcome to Topicdesk setup. Connect a bot: clients write to it, and every dialog becomes a topic in your team's backend group."
      : "Your connections. Pick one to change it, or connect another bot.";
  return { text, keyboard };
}
