import type { Connection } from "@topicdesk/db";
import { InlineKeyboard } from "grammy";
import { connectionData, MAIN_MENU } from "./callback-data.ts";

/** A connection's card (reference §8.1 step 7): status, group, id, and what can be done with it. */
export function connectionCard(connection: Connection): { text: string; keyboard: InlineKeyboard } {
  const id = connection.id;
  const text = [
    `⚙️ ${connection.title} — connection “${id}”`,
    `Status: ${connection.status === "active" ? "active" : "paused (messages are not relayed)"}`,
    `Backend group: ${connection.backend_chat_id}`,
  ].join("\n");
  const keyboard = new InlineKeyboard()
    .text("Parameters", connectionData(id, "params"))
    .text("Backend group", connectionData(id, "group"))
    .row()
    .text("Operators", connectionData(id, "ops"))
    .text("API keys", connectionData(id, "keys"))
    .row()
    .text(
      connection.status === "active" ? "⏸ Pause" : "▶️ Resume",
      connectionData(id, connection.status === "active" ? "pause" : "resume"),
    )
    .text("🗑 Delete", connectionData(id, "delete"))
    .row()
    .text("« All connections", MAIN_MENU);
  return { text, keyboard };
}
