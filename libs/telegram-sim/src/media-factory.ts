import type {
  Animation,
  Audio,
  Document,
  Message,
  PhotoSize,
  Sticker,
  Video,
  VideoNote,
  Voice,
} from "@grammyjs/types";
import { newFileId, newFileUniqueId } from "./ids.ts";
import { ownValue } from "./request-params.ts";

/**
 * Realistic file objects (photo sizes with thumbnails, video, document, ...) as Telegram puts them
 * into messages. Which file_ids exist is tracked by file-registry.ts.
 */
export type MediaKind =
  | "photo"
  | "video"
  | "animation"
  | "audio"
  | "voice"
  | "video_note"
  | "document"
  | "sticker";

export type Media =
  | { kind: "photo"; value: PhotoSize[] }
  | { kind: "video"; value: Video }
  | { kind: "animation"; value: Animation }
  | { kind: "audio"; value: Audio }
  | { kind: "voice"; value: Voice }
  | { kind: "video_note"; value: VideoNote }
  | { kind: "document"; value: Document }
  | { kind: "sticker"; value: Sticker };

export interface MediaSpec {
  width?: number;
  height?: number;
  duration?: number;
  fileName?: string;
  mimeType?: string;
  title?: string;
  performer?: string;
  emoji?: string;
  /**
   * The file's bytes, for a file a person sends that a bot is meant to download (`getFile`, then
   * `/file/bot<token>/<file_path>`), e.g. a list of user ids. Other files have no bytes.
   */
  content?: string | Uint8Array;
}

const MIME_BY_EXTENSION: Record<string, string> = {
  pdf: "application/pdf",
  txt: "text/plain",
  zip: "application/zip",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv",
  json: "application/json",
  mp4: "video/mp4",
  mp3: "audio/mpeg",
};

function guessMime(fileName: string): string {
  const ext = fileName.split(".").pop()?.toLowerCase() ?? "";
  return ownValue(MIME_BY_EXTENSION, ext) ?? "application/octet-stream";
}

function thumbnail(width: number, height: number): PhotoSize {
  const scale = Math.min(1, 320 / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  return {
    file_id: newFileId("thumbnail"),
    file_unique_id: newFileUniqueId(),
    width: w,
    height: h,
    file_size: Math.round(w * h * 0.15),
  };
}

/** Telegram stores a photo as several sizes (s/m/x/y); the last one is the largest. */
function photoSizes(width: number, height: number): PhotoSize[] {
  const sizes: PhotoSize[] = [];
  for (const side of [90, 320, 800, 1280]) {
    const scale = Math.min(1, side / Math.max(width, height));
    const w = Math.max(1, Math.round(width * scale));
    const h = Math.max(1, Math.round(height * scale));
    if (sizes.some((s) => s.width === w && s.height === h)) continue;
    sizes.push({
      file_id: newFileId("photo"),
      file_unique_id: newFileUniqueId(),
      width: w,
      height: h,
      file_size: Math.round(w * h * 0.12),
    });
  }
  return sizes;
}

export function createMedia(kind: MediaKind, spec: MediaSpec = {}): Media {
  const file_id = newFileId(kind);
  const file_unique_id = newFileUniqueId();
  switch (kind) {
    case "photo":
      return { kind, value: photoSizes(spec.width ?? 1280, spec.height ?? 960) };
    case "video": {
      const width = spec.width ?? 1280;
      const height = spec.height ?? 720;
      const duration = spec.duration ?? 12;
      return {
        kind,
        value: {
          file_id,
          file_unique_id,
          width,
          height,
          duration,
          thumbnail: thumbnail(width, height),
          file_name: spec.fileName ?? "video.mp4",
          mime_type: spec.mimeType ?? "video/mp4",
          file_size: duration * 250_000,
        },
      };
    }
    case "animation": {
      const width = spec.width ?? 480;
      const height = spec.height ?? 270;
      return {
        kind,
        value: {
          file_id,
          file_unique_id,
          width,
          height,
          duration: spec.duration ?? 3,
          thumbnail: thumbnail(width, height),
          file_name: spec.fileName ?? "animation.gif.mp4",
          mime_type: spec.mimeType ?? "video/mp4",
          file_size: 180_000,
        },
      };
    }
    case "audio":
      return {
        kind,
        value: {
          file_id,
          file_unique_id,
          duration: spec.duration ?? 185,
          performer: spec.performer ?? "Sim Band",
          title: spec.title ?? "Sim Song",
          file_name: spec.fileName ?? "song.mp3",
          mime_type: spec.mimeType ?? "audio/mpeg",
          file_size: (spec.duration ?? 185) * 16_000,
        },
      };
    case "voice":
      return {
        kind,
        value: {
          file_id,
          file_unique_id,
          duration: spec.duration ?? 4,
          mime_type: "audio/ogg",
          file_size: (spec.duration ?? 4) * 4_000,
        },
      };
    case "video_note": {
      const length = spec.width ?? 384;
      return {
        kind,
        value: {
          file_id,
          file_unique_id,
          length,
          duration: spec.duration ?? 6,
          thumbnail: thumbnail(length, length),
          file_size: 400_000,
        },
      };
    }
    case "document": {
      const fileName = spec.fileName ?? "document.pdf";
      return {
        kind,
        value: {
          file_id,
          file_unique_id,
          file_name: fileName,
          mime_type: spec.mimeType ?? guessMime(fileName),
          file_size: 48_213,
        },
      };
    }
    case "sticker":
      return {
        kind,
        value: {
          file_id,
          file_unique_id,
          type: "regular",
          width: 512,
          height: 512,
          is_animated: false,
          is_video: false,
          emoji: spec.emoji ?? "👍",
          set_name: "SimStickers",
          thumbnail: thumbnail(512, 512),
          file_size: 24_000,
        },
      };
  }
}

/** Puts media into a message the way Telegram does (animations also appear as `document`). */
export function mediaFields(media: Media): Partial<Message> {
  switch (media.kind) {
    case "photo":
      return { photo: media.value };
    case "video":
      return { video: media.value };
    case "animation": {
      const { file_id, file_unique_id, thumbnail: thumb, file_name, mime_type, file_size } = media.value;
      return {
        animation: media.value,
        document: { file_id, file_unique_id, thumbnail: thumb, file_name, mime_type, file_size },
      };
    }
    case "audio":
      return { audio: media.value };
    case "voice":
      return { voice: media.value };
    case "video_note":
      return { video_note: media.value };
    case "document":
      return { document: media.value };
    case "sticker":
      return { sticker: media.value };
  }
}
