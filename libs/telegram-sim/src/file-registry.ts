import type { File } from "@grammyjs/types";
import { badRequest } from "./errors.ts";
import { createMedia, type Media, type MediaKind, type MediaSpec } from "./media-factory.ts";
import { pngSize, type SimFileContent, UploadedFile } from "./uploaded-file.ts";

/**
 * The file_ids the simulator has handed out. Bots can only send media by file_id (or URL /
 * upload), and Telegram refuses file_ids it never issued, so the registry does the same.
 */
const KIND_LABEL: Record<MediaKind, string> = {
  photo: "Photo",
  video: "Video",
  animation: "Animation",
  audio: "Audio",
  voice: "VoiceNote",
  video_note: "VideoNote",
  document: "Document",
  sticker: "Sticker",
};

/**
 * Which stored file types a send method accepts. Telegram keeps videos, animations and audio as
 * documents internally, so sendDocument accepts them; a photo or sticker is a different kind of
 * file and is refused with "can't use file of type X as Y".
 */
const ACCEPTS: Record<MediaKind, readonly MediaKind[]> = {
  photo: ["photo"],
  video: ["video", "animation"],
  animation: ["animation", "video", "document"],
  audio: ["audio"],
  voice: ["voice"],
  video_note: ["video_note"],
  document: ["document", "video", "animation", "audio"],
  sticker: ["sticker"],
};

/** Bots may download files up to 20 MB through the Bot API (getFile). */
const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

/** Where Telegram puts each kind of file, and its extension when the file has no name. */
const DOWNLOAD_FOLDER: Record<MediaKind, { folder: string; extension: string }> = {
  photo: { folder: "photos", extension: "jpg" },
  video: { folder: "videos", extension: "mp4" },
  animation: { folder: "animations", extension: "mp4" },
  audio: { folder: "music", extension: "mp3" },
  voice: { folder: "voice", extension: "oga" },
  video_note: { folder: "video_notes", extension: "mp4" },
  document: { folder: "documents", extension: "bin" },
  sticker: { folder: "stickers", extension: "webp" },
};

function fileIdsOf(media: Media): string[] {
  if (media.kind === "photo") return media.value.map((size) => size.file_id);
  return [media.value.file_id];
}

/** Converts a stored file to the kind a send method asks for (e.g. a video sent as a document). */
function convert(media: Media, kind: MediaKind): Media {
  if (media.kind === kind || media.kind === "photo" || kind === "photo") return media;
  const base = media.value;
  if (kind === "document" && "file_id" in base) {
    const name = "file_name" in base ? base.file_name : undefined;
    const mime = "mime_type" in base ? base.mime_type : undefined;
    return {
      kind,
      value: { file_id: base.file_id, file_unique_id: base.file_unique_id, file_name: name, mime_type: mime },
    };
  }
  // Same underlying file, re-described as the requested kind with default attributes.
  const fresh = createMedia(kind);
  if (fresh.kind === "photo" || !("file_id" in base)) return fresh;
  fresh.value.file_id = base.file_id;
  fresh.value.file_unique_id = base.file_unique_id;
  return fresh;
}

export class FileRegistry {
  readonly #byFileId = new Map<string, Media>();
  readonly #uploads = new Map<string, UploadedFile>();
  /** Download paths handed out by getFile, both ways. */
  readonly #pathsByFileId = new Map<string, string>();
  readonly #fileIdsByPath = new Map<string, string>();

  register(media: Media): Media {
    for (const id of fileIdsOf(media)) this.#byFileId.set(id, media);
    return media;
  }

  create(kind: MediaKind, spec?: MediaSpec): Media {
    if (spec?.content !== undefined) {
      const bytes =
        typeof spec.content === "string" ? new TextEncoder().encode(spec.content) : spec.content.slice();
      const name = spec.fileName ?? `file.${DOWNLOAD_FOLDER[kind].extension}`;
      return this.#storeUpload(
        kind,
        new UploadedFile(name, spec.mimeType ?? "application/octet-stream", bytes),
      );
    }
    return this.register(createMedia(kind, spec));
  }

  /**
   * getFile: the file's description with a `file_path` to download it from. Telegram refuses
   * unknown ids and files over 20 MB; a path stays the same for the simulator's lifetime.
   */
  describeForDownload(fileId: string): File {
    const media = this.#byFileId.get(fileId);
    if (!media) throw badRequest("invalid file_id");
    const described =
      media.kind === "photo" ? media.value.find((size) => size.file_id === fileId) : media.value;
    const fileSize = described?.file_size;
    if (fileSize !== undefined && fileSize > MAX_DOWNLOAD_BYTES) throw badRequest("file is too big");
    const file: File = { file_id: fileId, file_unique_id: described?.file_unique_id ?? fileId };
    if (fileSize !== undefined) file.file_size = fileSize;
    file.file_path = this.#pathOf(fileId, media);
    return file;
  }

  /** The bytes at a path getFile handed out; undefined for unknown paths and files without bytes. */
  contentAt(path: string): SimFileContent | undefined {
    const fileId = this.#fileIdsByPath.get(path);
    return fileId === undefined ? undefined : this.contentOf(fileId);
  }

  #pathOf(fileId: string, media: Media): string {
    const known = this.#pathsByFileId.get(fileId);
    if (known !== undefined) return known;
    const { folder, extension } = DOWNLOAD_FOLDER[media.kind];
    const name = media.kind !== "photo" && "file_name" in media.value ? media.value.file_name : undefined;
    const ext = name?.includes(".") ? name.split(".").pop() : extension;
    const path = `${folder}/file_${this.#pathsByFileId.size}.${ext}`;
    this.#pathsByFileId.set(fileId, path);
    this.#fileIdsByPath.set(path, fileId);
    return path;
  }

  /**
   * Resolves the `photo`/`video`/... parameter of a send method. Known file_ids are reused;
   * http(s) URLs and uploads (attach:// or upload:// from a multipart body) stand for a new file;
   * anything else is refused like Telegram does.
   */
  resolve(kind: MediaKind, ref: string | UploadedFile): Media {
    if (ref instanceof UploadedFile) return this.#storeUpload(kind, ref);
    if (/^(https?|attach|upload):\/\//i.test(ref)) {
      const fileName = ref.split("/").pop()?.split("?")[0] || undefined;
      return this.create(
        kind,
        kind === "document" || kind === "audio" || kind === "video" ? { fileName } : {},
      );
    }
    const found = this.#byFileId.get(ref);
    if (!found) throw badRequest("wrong file identifier/HTTP URL specified");
    if (!ACCEPTS[kind].includes(found.kind)) {
      throw badRequest(`can't use file of type ${KIND_LABEL[found.kind]} as ${KIND_LABEL[kind]}`);
    }
    return convert(found, kind);
  }

  /** The bytes behind a file_id that came from an upload (every size of an uploaded photo). */
  contentOf(fileId: string): SimFileContent | undefined {
    const upload = this.#uploads.get(fileId);
    return upload
      ? { fileName: upload.fileName, contentType: upload.contentType, bytes: upload.bytes.slice() }
      : undefined;
  }

  /** An upload is a new file described by its real name, type, size and (for a PNG) dimensions. */
  #storeUpload(kind: MediaKind, upload: UploadedFile): Media {
    const media = createMedia(kind, {
      fileName: upload.fileName,
      mimeType: upload.contentType === "application/octet-stream" ? undefined : upload.contentType,
      ...(kind === "photo" ? pngSize(upload.bytes) : {}),
    });
    if (media.kind === "photo") {
      const largest = media.value.at(-1);
      if (largest) largest.file_size = upload.bytes.length;
    } else media.value.file_size = upload.bytes.length;
    for (const id of fileIdsOf(media)) this.#uploads.set(id, upload);
    return this.register(media);
  }
}
