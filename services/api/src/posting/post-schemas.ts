import { UrlButton } from "@topicdesk/contracts";
import type { ApiPost } from "@topicdesk/db";
import Type from "typebox";
import { badRequest } from "../app/api-errors.ts";

export const PostBody = Type.Object(
  {
    text: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 4096,
        description: "the message, or the file's caption (1024 at most)",
      }),
    ),
    parseMode: Type.Optional(Type.Union([Type.Literal("MarkdownV2"), Type.Literal("HTML")])),
    buttons: Type.Optional(
      Type.Array(Type.Array(UrlButton, { minItems: 1, maxItems: 8 }), {
        minItems: 1,
        maxItems: 20,
        description: "rows of inline buttons that open URLs (with a text message)",
      }),
    ),
    file: Type.Optional(
      Type.Object(
        {
          url: Type.String({ pattern: "^https?://", maxLength: 2048, description: "Telegram fetches it" }),
          as: Type.Optional(Type.Union([Type.Literal("document"), Type.Literal("photo")])),
        },
        { additionalProperties: false },
      ),
    ),
    wait: Type.Optional(
      Type.Boolean({ description: "wait (a few seconds) for Telegram's answer; default true" }),
    ),
  },
  { additionalProperties: false },
);
export type PostBody = Type.Static<typeof PostBody>;

export const PostView = Type.Object({
  jobId: Type.String(),
  status: Type.Union([Type.Literal("queued"), Type.Literal("sent"), Type.Literal("failed")]),
  chatId: Type.Union([Type.Number(), Type.Null()]),
  topicId: Type.Union([Type.Number(), Type.Null()]),
  messageId: Type.Union([Type.Number(), Type.Null()]),
  /** Why it failed (Telegram's refusal, classified), when it did. */
  reason: Type.Union([Type.String(), Type.Null()]),
  statusUrl: Type.String(),
});

/** Combinations the schema cannot express, refused before anything is queued. */
export function checkPostBody(body: PostBody): void {
  if (body.text === undefined && body.file === undefined) throw badRequest("Send a text, a file, or both.");
  if (body.file && body.buttons) throw badRequest("Buttons go with a text message, not with a file.");
  if (body.file && body.text !== undefined && body.text.length > 1024) {
    throw badRequest("A file's caption (text) may have at most 1024 characters.");
  }
}

export function postView(post: ApiPost, statusUrl: string) {
  return {
    jobId: post.job_id,
    status: post.status,
    chatId: post.chat_id,
    topicId: post.thread_id,
    messageId: post.message_id,
    reason: post.reason,
    statusUrl,
  };
}
