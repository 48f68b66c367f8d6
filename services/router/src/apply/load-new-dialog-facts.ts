import type { Dialog, Repositories } from "@topicdesk/db";
import { type NewDialogWho, parseNewArguments } from "../commands/new-arguments.ts";
import type { EventContext } from "../decide/event-context.ts";
import type { NewDialogFacts, NewDialogTarget } from "../decide/new-dialog-facts.ts";
import type { UserLookup } from "./telegram-user-lookup.ts";

/**
 * Reads what `/new` decides on: the connections sharing the backend group, and (only for the
 * connection that is to act) whether a dialog with the user exists and what Telegram says of them.
 */
export async function loadNewDialogFacts(
  context: EventContext,
  args: string,
  repositories: Repositories,
  userLookup: UserLookup | undefined,
): Promise<NewDialogFacts> {
  const { connection } = context;
  const group = await repositories.connectionRepository.findByBackendChat(connection.backendChatId);
  const facts: NewDialogFacts = { groupConnections: group.map((row) => row.id).sort() };
  const parsed = parseNewArguments(args);
  if (!parsed.ok || context.event.message?.threadId !== undefined) return facts;
  const acting =
    parsed.connectionId ?? (facts.groupConnections.length === 1 ? facts.groupConnections[0] : undefined);
  if (acting !== connection.id) return facts;
  const kind = group.find((row) => row.id === connection.id)?.kind ?? "bot";
  facts.target = await lookupTarget(connection.id, kind, parsed.who, repositories, userLookup);
  return facts;
}

async function lookupTarget(
  connectionId: string,
  kind: "bot" | "account",
  who: NewDialogWho,
  repositories: Repositories,
  userLookup: UserLookup | undefined,
): Promise<NewDialogTarget> {
  const dialogs = repositories.dialogRepository;
  const existing =
    who.kind === "id"
      ? await dialogs.findByClientChat(connectionId, who.userId)
      : await dialogs.findByUsername(connectionId, who.username);
  if (existing) return existingTarget(existing);
  if (!userLookup) return { kind: "lookup-failed" };
  const answer = await userLookup(connectionId, who.kind === "id" ? who.userId : who.username);
  switch (answer.kind) {
    case "found": {
      // A username resolved to someone we already talk to (the dialog has no username on file).
      const known =
        who.kind === "username" ? await dialogs.findByClientChat(connectionId, answer.user.id) : undefined;
      return known ? existingTarget(known) : answer;
    }
    case "lookup-failed":
      return answer;
    case "usernames-unsupported":
      // Only asked for usernames; an id is always asked.
      return who.kind === "username"
        ? { kind: "unknown-username", username: who.username }
        : { kind: "lookup-failed" };
    case "unknown":
      return unknownTarget(kind, who);
  }
}

function existingTarget(dialog: Dialog): NewDialogTarget {
  return {
    kind: "existing",
    clientChatId: dialog.client_chat_id,
    topicId: dialog.topic_id,
    status: dialog.status,
  };
}

/**
 * Nobody the connection can reach. A bot can write only to people who started it; an account can
 * write to anyone, but only by an id it has met (Telegram needs the user's access hash).
 */
function unknownTarget(kind: "bot" | "account", who: NewDialogWho): NewDialogTarget {
  if (who.kind === "username") return { kind: "no-such-username", username: who.username };
  return kind === "account"
    ? { kind: "account-unreachable", userId: who.userId }
    : { kind: "not-reachable", userId: who.userId };
}
