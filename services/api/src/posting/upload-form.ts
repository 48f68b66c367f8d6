import type { MultipartFile } from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import Type from "typebox";
import { ApiError, badRequest } from "../app/api-errors.ts";

/**
 * The multipart form of a file upload. `file` is the one file part; the other fields are plain
 * form fields, validated (and coerced: `wait=false`) by the route schema like a JSON body.
 */
export const UploadForm = Type.Object(
  {
    file: Type.String({ format: "binary", description: "the file (exactly one file part)" }),
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 1024, description: "the caption" })),
    parseMode: Type.Optional(Type.Union([Type.Literal("MarkdownV2"), Type.Literal("HTML")])),
    as: Type.Optional(
      Type.Union([Type.Literal("document"), Type.Literal("photo")], {
        description: "document (default: the file as it is) or photo (shown inline, recompressed)",
      }),
    ),
    wait: Type.Optional(
      Type.Boolean({ description: "wait (a few seconds) for Telegram's answer; default true" }),
    ),
  },
  { additionalProperties: false },
);

/** An uploaded file, read into memory (bounded by the size limit) while the form was parsed. */
export interface Upload {
  bytes: Uint8Array;
  fileName: string;
  contentType: string;
}

const uploads = new WeakMap<FastifyRequest, Upload>();

/**
 * `@fastify/multipart`'s `onFile`: reads the file part within the size limit and keeps it beside
 * the request; the body field becomes the file's name, so the form validates like any other body.
 */
export function uploadReader(maxBytes: number) {
  return async function onFile(this: FastifyRequest, part: MultipartFile): Promise<void> {
    if (part.fieldname !== "file") {
      part.file.resume();
      throw badRequest(`Send the file in the form field "file", not "${part.fieldname}".`);
    }
    let bytes: Buffer;
    try {
      bytes = await part.toBuffer();
    } catch (error) {
      if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") throw tooLarge(maxBytes);
      throw error;
    }
    const fileName = safeFileName(part.filename);
    uploads.set(this, { bytes, fileName, contentType: part.mimetype || "application/octet-stream" });
    part.value = fileName;
  };
}

export function uploadOf(request: FastifyRequest): Upload | undefined {
  return uploads.get(request);
}

export function tooLarge(maxBytes: number): ApiError {
  return new ApiError(
    413,
    "file_too_large",
    `The file is larger than ${formatBytes(maxBytes)}, the most this API takes in one upload.`,
  );
}

/**
 * The parser's own limit errors (one file, a handful of fields) as answers that say what to change;
 * anything else is left to the app's error handler.
 */
export function multipartLimitError(error: unknown): ApiError | undefined {
  switch ((error as { code?: unknown } | null)?.code) {
    case "FST_FILES_LIMIT":
      return new ApiError(413, "too_many_files", "Send one file per upload.");
    case "FST_FIELDS_LIMIT":
    case "FST_PARTS_LIMIT":
      return new ApiError(
        413,
        "too_many_fields",
        "Too many form fields: file, text, parseMode, as and wait.",
      );
    case "FST_INVALID_MULTIPART_CONTENT_TYPE":
      return badRequest("Send the upload as multipart/form-data.");
    default:
      return malformedMultipart(error) ? badRequest("The multipart/form-data body is malformed.") : undefined;
  }
}

/** busboy's parse errors carry no code, only these messages. */
function malformedMultipart(error: unknown): boolean {
  const message = error instanceof Error ? error.message : "";
  return /^Multipart: Boundary not found|unexpected end of multipart data/i.test(message);
}

/** What Telegram shows as the document's name: the sender's name without paths or control characters. */
function safeFileName(name: string | undefined): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return clean.length === 0 ? "file" : clean.slice(0, 255);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} bytes`;
}
