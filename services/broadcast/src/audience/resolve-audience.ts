import type { DomainEvent } from "@topicdesk/contracts";
import type { BroadcastRepository, BroadcastTarget } from "@topicdesk/db";
import type { SendCommand } from "../commands/send-command.ts";

type Invocation = NonNullable<DomainEvent["command"]>;
const LOOKUP_CHUNK = 5000;
type Resolved = { ok: true; targets: BroadcastTarget[] } | { ok: false; error: string };

/**
 * Turns the recipients of a `/send` into (chat, connection) pairs. Segments read the group's client
 * dialogs; `test` is the caller, through the connection the command came from; `list` ids use their
 * dialog's connection when they have one here, else the command's connection.
 */
export async function resolveAudience(
  repository: BroadcastRepository,
  command: Extract<SendCommand, { verb: "create" }>,
  connectionId: string,
  invocation: Invocation,
  now: Date,
): Promise<Resolved> {
  const { audience, filters } = command;
  switch (audience.kind) {
    case "test":
      return { ok: true, targets: [{ chatId: invocation.callerId, connectionId }] };
    case "list": {
      const known = new Map<number, string>();
      // In chunks: a file may hold 100,000 ids, more than one statement takes parameters.
      for (let start = 0; start < audience.ids.length; start += LOOKUP_CHUNK) {
        const chunk = audience.ids.slice(start, start + LOOKUP_CHUNK);
        for (const target of await repository.connectionsOf(invocation.backendChatId, chunk)) {
          if (!known.has(target.chatId)) known.set(target.chatId, target.connectionId);
        }
      }
      return {
        ok: true,
        targets: audience.ids.map((chatId) => ({ chatId, connectionId: known.get(chatId) ?? connectionId })),
      };
    }
    case "file":
      throw new Error("a file audience is read into a list before it is resolved");
    case "all":
    case "labels": {
      const targets = await repository.audience({
        backendChatId: invocation.backendChatId,
        ...(filters.connectionId === undefined ? {} : { connectionIds: [filters.connectionId] }),
        ...(audience.kind === "labels" ? { labels: audience.labels } : {}),
        ...(filters.activeWithinMs === undefined
          ? {}
          : { activeSince: new Date(now.getTime() - filters.activeWithinMs) }),
        ...(filters.inactiveForMs === undefined
          ? {}
          : { inactiveSince: new Date(now.getTime() - filters.inactiveForMs) }),
      });
      // A client with dialogs through two connections gets the broadcast once, from the first.
      const seen = new Set<number>();
      return {
        ok: true,
        targets: targets.filter((target) => !seen.has(target.chatId) && seen.add(target.chatId)),
      };
    }
  }
}
