import type { DeliveryJob } from "@topicdesk/contracts";
import type { TelegramFailure } from "@topicdesk/telegram";

/** Why a message did not arrive, in words an operator understands. */
export function describeFailure(failure: TelegramFailure): string {
  switch (failure.kind) {
    case "forbidden":
      if (failure.reason === "blocked") return "the client blocked the bot";
      if (failure.reason === "deactivated") return "the client's account was deleted";
      if (failure.reason === "kicked") return "the bot was removed from the chat";
      return "Telegram refused it (forbidden)";
    case "bad-request":
      if (failure.reason === "message-not-found") return "the original message was deleted";
      if (failure.reason === "chat-not-found") return "the chat no longer exists";
      return `Telegram rejected it (${failure.description})`;
    case "rate-limited":
      return "Telegram kept rate-limiting it";
    case "transient":
      return "Telegram did not answer after several attempts";
    case "unauthorized":
      return "the bot token is no longer valid";
  }
}

/**
 * The notice the team sees in the topic when a job failed for good, or undefined when the failed
 * job was itself a notice in the group (telling the group that the group is unreachable is pointless).
 */
export function failureNoticeText(job: DeliveryJob, failure: TelegramFailure): string | undefined {
  const reason = describeFailure(failure);
  switch (job.type) {
    case "copy.to-client":
      return `⚠️ Not delivered to the client: ${reason}.`;
    case "edit.mirror":
      return job.direction === "to-client" ? `⚠️ The edit did not reach the client: ${reason}.` : undefined;
    case "text.send":
      return job.target.kind === "client"
        ? `⚠️ The welcome message did not reach the client: ${reason}.`
        : undefined;
    case "copy.to-topic":
      return `⚠️ A client message could not be shown here: ${reason}.`;
    case "template.send":
      return `⚠️ The quick reply did not reach the client: ${reason}.`;
    default:
      return undefined;
  }
}
