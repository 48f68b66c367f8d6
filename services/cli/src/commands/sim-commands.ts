import type { Command } from "commander";
import { CliError } from "../cli-error.ts";
import { loadWorld, type SimMessage, type SimWorld, simRequest } from "./sim-client.ts";

/** `pnpm topicdesk sim …`: play the client and the operator against the running simulator. */
export function registerSimCommands(program: Command): void {
  const sim = program.command("sim").description("play a client or an operator in the built-in simulator");
  sim
    .command("say <who> <text...>")
    .description('who: "client" (writes to the bot) or "operator" (writes in the newest topic)')
    .option("--topic <threadId>", "operator: the topic to write in")
    .option("--client <name>", "client: which simulated user writes (default: the demo client)")
    .action(async (who: string, words: string[], options: { topic?: string; client?: string }) => {
      const world = await loadWorld(options.client);
      const text = words.join(" ");
      if (who === "client") {
        await simRequest("/sim/send", { userId: world.client.id, botId: world.bot.id, text });
      } else if (who === "operator") {
        const threadId = options.topic ? Number(options.topic) : newestTopic(world);
        await simRequest("/sim/send", {
          userId: world.operator.id,
          chatId: world.group.chatId,
          threadId,
          text,
        });
      } else {
        throw new CliError(`"${who}" is neither client nor operator.`);
      }
      process.stdout.write("sent\n");
    });
  sim
    .command("show <where>")
    .description('where: "client" (the chat with the bot) or "group" (topics and the newest topic)')
    .option("--topic <threadId>", "group: the topic to show")
    .action(async (where: string, options: { topic?: string }) => {
      const world = await loadWorld();
      if (where === "client") {
        const messages = await simRequest<SimMessage[]>(
          `/sim/chats/${world.client.id}/messages?botId=${world.bot.id}`,
        );
        process.stdout.write(`${messages.map(formatMessage).join("\n")}\n`);
        return;
      }
      if (where !== "group") throw new CliError(`"${where}" is neither client nor group.`);
      const topics = world.group.topics.filter((topic) => !topic.deleted);
      process.stdout.write(
        `Topics:\n${topics.map((topic) => `  #${topic.threadId} ${topic.name}${topic.closed ? " (closed)" : ""}`).join("\n")}\n`,
      );
      if (topics.length === 0) return;
      const threadId = options.topic ? Number(options.topic) : newestTopic(world);
      const messages = await simRequest<SimMessage[]>(
        `/sim/chats/${world.group.chatId}/messages?threadId=${threadId}`,
      );
      process.stdout.write(
        `\nTopic #${threadId}:\n${messages.filter(isWritten).map(formatMessage).join("\n")}\n`,
      );
    });
}

function newestTopic(world: SimWorld): number {
  const topics = world.group.topics.filter((topic) => !topic.deleted);
  const newest = topics.at(-1);
  if (!newest) throw new CliError("There is no topic yet: let the client write first.");
  return newest.threadId;
}

function formatMessage(message: SimMessage): string {
  const who = message.from ? `${message.from.first_name}${message.from.is_bot ? " (bot)" : ""}` : "?";
  const body = message.text ?? message.caption ?? "[media]";
  return `  ${who}: ${body.replaceAll("\n", "\n    ")}`;
}

/** Telegram's own service lines ("topic created", "topic renamed" …) are not something anyone wrote. */
function isWritten(message: SimMessage): boolean {
  return !Object.keys(message).some((field) => field.startsWith("forum_topic_"));
}
