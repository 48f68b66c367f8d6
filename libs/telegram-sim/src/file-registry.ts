import { badRequest } from "./errors.ts";
import { createMedia, type Media, type MediaKind, type MediaSpec } from "./media-factory.ts";

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

  register(media: Media): Media {
    for (const id of fileIdsOf(media)) this.#byFileId.set(id, media);
    return media;
  }

  create(kind: MediaKind, spec?: MediaSpec): Media {
    return this.register(createMedia(kind, spec));
  }

  /**
   * Resolves the `photo`/`video`/... parameter of a send method. Known file_ids are reused;
   * http(s) URLs and uploads (attach:// or upload:// from a multipart body) stand for a new file;
   * anything else is refused like Telegram does.
   */
  resolve(kind: MediaKind, ref: string): Media {
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
}
