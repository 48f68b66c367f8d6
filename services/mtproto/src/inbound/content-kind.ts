import type { tl } from "@mtcute/node";
import type { ContentKind } from "@topicdesk/contracts";

/**
 * MTProto media constructors to our content kinds. A document is a photo, video, voice note …
 * depending on its attributes, so documents go through `documentKind` below.
 */
const MEDIA_KINDS: Readonly<Record<string, ContentKind>> = {
  messageMediaPhoto: "photo",
  messageMediaGeo: "location",
  messageMediaGeoLive: "location",
  messageMediaVenue: "venue",
  messageMediaContact: "contact",
  messageMediaPoll: "poll",
  messageMediaDice: "dice",
};

export function contentKindOf(message: tl.RawMessage): ContentKind {
  const media = message.media;
  if (!media || media._ === "messageMediaEmpty") return message.message.length > 0 ? "text" : "other";
  // A link preview is still a text message.
  if (media._ === "messageMediaWebPage") return "text";
  if (media._ === "messageMediaDocument") return documentKind(media.document);
  return MEDIA_KINDS[media._] ?? "other";
}

function documentKind(document: tl.TypeDocument | undefined): ContentKind {
  if (document?._ !== "document") return "document";
  const attributes = document.attributes;
  const has = (name: tl.TypeDocumentAttribute["_"]) => attributes.some((attribute) => attribute._ === name);
  if (has("documentAttributeSticker")) return "sticker";
  if (has("documentAttributeAnimated")) return "animation";
  const video = attributes.find((attribute) => attribute._ === "documentAttributeVideo");
  if (video) return video.roundMessage ? "video_note" : "video";
  const audio = attributes.find((attribute) => attribute._ === "documentAttributeAudio");
  if (audio) return audio.voice ? "voice" : "audio";
  return "document";
}
