import Type from "typebox";

/**
 * A file the system itself sends into a chat: a CSV export, a chart, a file posted through the HTTP
 * topics API. Queue payloads stay small: the bytes wait in a Redis blob (`@topicdesk/queue`'s blob
 * store, with a TTL) and the job carries only its key; or Telegram fetches the file from a URL.
 *
 * The fields shared by every delivery job (`v`, `id`, `connectionId` …) are spread in by
 * `delivery-job.ts`, which also puts `SendFileJob` into the `DeliveryJob` union.
 */

/** Where the file's bytes are. */
export const FileSource = Type.Union([
  /** Telegram downloads the file itself (http or https). */
  Type.Object({ kind: Type.Literal("url"), url: Type.String({ pattern: "^https?://", maxLength: 2048 }) }),
  /** Bytes in the Redis blob store under `key`, uploaded to Telegram as `fileName`. */
  Type.Object({
    kind: Type.Literal("blob"),
    key: Type.String({ minLength: 1, maxLength: 200 }),
    fileName: Type.String({ minLength: 1, maxLength: 255 }),
    contentType: Type.String({ minLength: 1, maxLength: 255 }),
  }),
]);
export type FileSource = Type.Static<typeof FileSource>;

/** `document` keeps the file as it is; `photo` shows an image inline (Telegram recompresses it). */
export const FileSendAs = Type.Union([Type.Literal("document"), Type.Literal("photo")]);
export type FileSendAs = Type.Static<typeof FileSendAs>;

/** The fields of a `file.send` job beyond the shared ones and the target (see `delivery-job.ts`). */
export const fileSendFields = {
  type: Type.Literal("file.send"),
  file: FileSource,
  as: FileSendAs,
  caption: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
  parseMode: Type.Optional(Type.Union([Type.Literal("MarkdownV2"), Type.Literal("HTML")])),
  replyToMessageId: Type.Optional(Type.Number()),
};
