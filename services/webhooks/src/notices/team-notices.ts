import { createHash } from "node:crypto";
import type { WebhookJob } from "@topicdesk/contracts";
import type { DeliveryQueues } from "@topicdesk/queue";

/**
 * What the webhooks service writes into the backend group, through delivery and its limits like
 * every other message: command answers in the command's topic, and notices for the team.
 */
export interface TeamNotices {
  /** The receiver's answer to a command event, as a reply to the command in its topic. */
  commandAnswer(job: WebhookJob, text: string): Promise<void>;
  /** A command event that never reached its receiver: the operator who typed it should know. */
  commandUndelivered(job: WebhookJob, error: string): Promise<void>;
  /** In the General topic: a receiver kept failing and is paused. */
  receiverPaused(job: WebhookJob, backendChatId: number, failures: number): Promise<void>;
}

export function createTeamNotices(queues: DeliveryQueues): TeamNotices {
  const inCommandTopic = async (job: WebhookJob, suffix: string, text: string) => {
    const command = job.event.command;
    if (command === undefined) return;
    await queues.enqueue(
      { kind: "group", chatId: command.backendChatId },
      {
        v: 1,
        id: `${job.id}.${suffix}`,
        connectionId: job.connectionId,
        type: "text.send",
        target:
          command.threadId === undefined
            ? { kind: "backend" }
            : { kind: "backend", threadId: command.threadId },
        text,
        replyToMessageId: command.messageId,
      },
    );
  };
  return {
    commandAnswer: (job, text) => inCommandTopic(job, "answer", text),
    commandUndelivered: (job, error) =>
      inCommandTopic(job, "undelivered", `⚠️ ${job.eventType} did not reach its webhook (${error}).`),
    async receiverPaused(job, backendChatId, failures) {
      await queues.enqueue(
        { kind: "group", chatId: backendChatId },
        {
          v: 1,
          id: `webhook-paused.${job.connectionId}.${receiverKey(job.url)}.${job.id}`,
          connectionId: job.connectionId,
          type: "text.send",
          target: { kind: "backend" },
          text: pausedText(job.connectionId, job.url, failures),
        },
      );
    },
  };
}

/**
 * Only the receiver's origin is shown: the path of a webhook URL is often its secret.
 */
export function pausedText(connectionId: string, url: string, failures: number): string {
  return [
    `⚠️ Webhook receiver ${new URL(url).origin} failed ${failures} deliveries in a row and is paused.`,
    "Its events are kept as dead letters. When it works again:",
    `pnpm topicdesk webhook resume ${connectionId} <url>, then pnpm topicdesk webhook replay ${connectionId}`,
  ].join("\n");
}

/** A short, stable key for a receiver URL, safe in job ids (BullMQ forbids ':'). */
export function receiverKey(url: string): string {
  return createHash("sha256").update(url).digest("hex").slice(0, 16);
}
