import type { DeliveryJob, FileSendAs, FileSource, SendTarget } from "@topicdesk/contracts";
import { type ApiPost, ApiPostRepository, type Database } from "@topicdesk/db";
import type { DeliveryQueues } from "@topicdesk/queue";
import type { Kysely } from "kysely";
import { newApiJobId } from "./api-job-id.ts";
import type { PostBody } from "./post-schemas.ts";

/** What a post carries: a text (with buttons), or a file from a URL or the blob store (with a caption). */
export type PostContent =
  | {
      type: "text";
      text: string;
      parseMode?: "MarkdownV2" | "HTML" | undefined;
      buttons?: PostBody["buttons"];
    }
  | {
      type: "file";
      file: FileSource;
      as: FileSendAs;
      caption?: string | undefined;
      parseMode?: "MarkdownV2" | "HTML" | undefined;
    };

/** The content of a JSON post (its combinations already checked by `checkPostBody`). */
export function postContentOf(body: PostBody): PostContent {
  if (body.file) {
    return {
      type: "file",
      file: { kind: "url", url: body.file.url },
      as: body.file.as ?? "document",
      caption: body.text,
      parseMode: body.parseMode,
    };
  }
  return { type: "text", text: body.text ?? "", parseMode: body.parseMode, buttons: body.buttons };
}

export interface PostDeps {
  db: Kysely<Database>;
  queues: DeliveryQueues;
}

export interface PostDestination {
  connectionId: string;
  backendChatId: number;
  /** The topic, when known (a custom topic, or a dialog's created topic). */
  threadId: number | null;
  target: SendTarget;
  dialogId?: number;
}

/**
 * Queues a post as a delivery job in the backend group's lane, so it waits its turn behind the
 * group's other traffic and within Telegram's limits like everything else; records it as queued.
 */
export async function queuePost(
  deps: PostDeps,
  destination: PostDestination,
  content: PostContent,
): Promise<string> {
  const jobId = newApiJobId();
  await new ApiPostRepository(deps.db).add(jobId, destination.connectionId, {
    chatId: destination.backendChatId,
    threadId: destination.threadId,
  });
  await deps.queues.enqueue(
    { kind: "group", chatId: destination.backendChatId },
    jobOf(jobId, destination, content),
  );
  return jobId;
}

function jobOf(jobId: string, destination: PostDestination, content: PostContent): DeliveryJob {
  const base = {
    v: 1 as const,
    id: jobId,
    connectionId: destination.connectionId,
    target: destination.target,
    reportOutcome: true,
    ...(destination.dialogId === undefined ? {} : { dialogId: destination.dialogId }),
    ...(content.parseMode === undefined ? {} : { parseMode: content.parseMode }),
  };
  if (content.type === "file") {
    return {
      ...base,
      type: "file.send",
      file: content.file,
      as: content.as,
      ...(content.caption === undefined ? {} : { caption: content.caption }),
    };
  }
  return {
    ...base,
    type: "text.send",
    text: content.text,
    ...(content.buttons === undefined ? {} : { buttons: content.buttons }),
  };
}

/** Polls the post's row until it is sent or failed, or the wait is over. */
export async function waitForOutcome(
  db: Kysely<Database>,
  connectionId: string,
  jobId: string,
  timeoutMs: number,
): Promise<ApiPost | undefined> {
  const posts = new ApiPostRepository(db);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const post = await posts.get(connectionId, jobId);
    if (post && post.status !== "queued") return post;
    if (Date.now() >= deadline) return post;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
