import { banCommand, unbanCommand } from "./ban-command.ts";
import type { CommandHandler } from "./command-types.ts";
import { helpCommand } from "./help-command.ts";
import { infoCommand } from "./info-command.ts";
import { markCommand } from "./mark-command.ts";
import { exportCommand, sendCommand, statsCommand } from "./module-commands.ts";
import { newCommand } from "./new-command.ts";
import { sayCommand } from "./say-command.ts";
import { closeCommand, holdCommand, waitCommand } from "./status-commands.ts";

/** Commands the router answers in the backend group. Anything else is unknown (or custom). */
export const commandHandlers: Record<string, CommandHandler | undefined> = {
  close: closeCommand,
  hold: holdCommand,
  wait: waitCommand,
  help: helpCommand,
  info: infoCommand,
  ban: banCommand,
  unban: unbanCommand,
  say: sayCommand,
  mark: markCommand,
  new: newCommand,
  // Carried out by module services, which consume the `command.invoked` event.
  send: sendCommand,
  export: exportCommand,
  stats: statsCommand,
};

/**
 * Commands whose handler needs the caller's rights in the backend group (a Telegram lookup).
 * Every command checks its caller's role now (src/roles), so every command does the lookup.
 */
export const commandsNeedingRights: ReadonlySet<string> = new Set(["ban", "unban"]);

/** Commands that read quick replies and labels (loaded only for them). */
export const commandsNeedingModules: ReadonlySet<string> = new Set(["say", "mark"]);

/** `/close@topicdesk_bot args` → { name: "close", args: "args" }; undefined for non-commands. */
export function parseCommand(text: string): { name: string; args: string } | undefined {
  const match = text.match(/^\/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]+)?(?:\s+([\s\S]*))?$/);
  if (!match?.[1]) return undefined;
  return { name: match[1].toLowerCase(), args: (match[2] ?? "").trim() };
}

export function unknownCommandHint(name: string): string {
  return `❓ Unknown command /${name}. Send /help for the list; start a message with "/ " to leave a comment for the team.`;
}
