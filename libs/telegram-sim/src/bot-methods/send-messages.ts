import type { Message } from "@grammyjs/types";
import { createPoll, isDiceEmoji, rollDice } from "../content-builder.ts";
import { badRequest } from "../errors.ts";
import { NumericStringSequence } from "../ids.ts";
import { type MediaKind, mediaFields } from "../media-factory.ts";
import { isRecord, ownValue, Params } from "../request-params.ts";
import type { MethodContext, MethodTable } from "./context.ts";
import {
  appendBotMessage,
  captionParams,
  consumeSend,
  destination,
  entitiesParam,
  formatCaption,
  inlineMarkup,
  linkPreviewOptions,
  messageText,
  postFromBot,
} from "./post.ts";

/** sendMessage, the send<Media> family, location/contact/venue/poll/dice and sendMediaGroup. */

const mediaGroupIds = new NumericStringSequence(113_000_000_000_001);

export function newMediaGroupId(): string {
  return mediaGroupIds.next();
}

function sendMessage(ctx: MethodContext, params: Params): Message {
  return postFromBot(ctx, params, () => {
    const preview = linkPreviewOptions(params);
    return { ...messageText(params), ...(preview ? { link_preview_options: preview } : {}) };
  });
}

const CAPTIONLESS: ReadonlySet<MediaKind> = new Set(["sticker", "video_note"]);
const SPOILER_CAPABLE: ReadonlySet<MediaKind> = new Set(["photo", "video", "animation"]);

/** send<Media>: the file is a file_id the simulator issued (or a URL / upload, which is a new file). */
function sendMedia(kind: MediaKind, param: string) {
  return (ctx: MethodContext, params: Params): Message =>
    postFromBot(ctx, params, () => {
      const ref = params.file(param);
      if (ref === undefined) throw badRequest(`there is no ${param} in the request`);
      const media = ctx.state.files.resolve(kind, ref);
      return {
        ...mediaFields(media),
        ...(CAPTIONLESS.has(kind) ? {} : captionParams(params)),
        ...(SPOILER_CAPABLE.has(kind) && params.bool("has_spoiler")
          ? { has_media_spoiler: true as const }
          : {}),
        ...(params.bool("show_caption_above_media") ? { show_caption_above_media: true as const } : {}),
      };
    });
}

function sendLocation(ctx: MethodContext, params: Params): Message {
  return postFromBot(ctx, params, () => ({
    location: { latitude: params.requireNum("latitude"), longitude: params.requireNum("longitude") },
  }));
}

function sendVenue(ctx: MethodContext, params: Params): Message {
  return postFromBot(ctx, params, () => {
    const location = { latitude: params.requireNum("latitude"), longitude: params.requireNum("longitude") };
    const title = params.str("title");
    const address = params.str("address");
    if (!title) throw badRequest("title is empty");
    if (!address) throw badRequest("address is empty");
    return { venue: { location, title, address }, location };
  });
}

function sendContact(ctx: MethodContext, params: Params): Message {
  return postFromBot(ctx, params, () => {
    const phone = params.str("phone_number");
    const firstName = params.str("first_name");
    if (!phone) throw badRequest("phone_number is empty");
    if (!firstName) throw badRequest("first_name is empty");
    const lastName = params.str("last_name");
    const vcard = params.str("vcard");
    return {
      contact: {
        phone_number: phone,
        first_name: firstName,
        ...(lastName ? { last_name: lastName } : {}),
        ...(vcard ? { vcard } : {}),
      },
    };
  });
}

function sendPoll(ctx: MethodContext, params: Params): Message {
  return postFromBot(ctx, params, () => {
    const question = params.str("question");
    if (!question) throw badRequest("poll question must be non-empty");
    const options = params.json("options");
    if (!Array.isArray(options)) throw badRequest("can't parse options JSON object");
    // InputPollOption objects; plain strings are what older clients send.
    const texts = options.map((o) =>
      typeof o === "string" ? o : isRecord(o) && typeof o.text === "string" ? o.text : "",
    );
    if (texts.length < 2 || texts.length > 12 || texts.some((t) => t === ""))
      throw badRequest("POLL_ANSWERS_INVALID");
    const type = params.str("type") === "quiz" ? "quiz" : "regular";
    return {
      poll: createPoll(question, texts, {
        isAnonymous: params.bool("is_anonymous") ?? true,
        type,
        allowsMultipleAnswers: params.bool("allows_multiple_answers") ?? false,
      }),
    };
  });
}

function sendDice(ctx: MethodContext, params: Params): Message {
  return postFromBot(ctx, params, () => {
    const emoji = params.str("emoji") ?? "🎲";
    if (!isDiceEmoji(emoji)) throw badRequest("DICE_EMOJI_INVALID");
    return { dice: rollDice(emoji) };
  });
}

const ALBUM_KINDS: Record<string, MediaKind> = {
  photo: "photo",
  video: "video",
  document: "document",
  audio: "audio",
};

/**
 * An album: 2-10 photos/videos, or only documents, or only audio. All messages share one new
 * media_group_id; the call counts as one send for the flood limits.
 */
function sendMediaGroup(ctx: MethodContext, params: Params): Message[] {
  const target = destination(ctx, params);
  const media = params.json("media");
  if (!Array.isArray(media)) throw badRequest("can't parse media JSON object");
  if (media.length < 2) throw badRequest("too few media in the album");
  if (media.length > 10) throw badRequest("too many media in the album");
  const kinds = new Set<MediaKind>();
  const contents = media.map((item, index): Partial<Message> => {
    if (!isRecord(item) || typeof item.type !== "string" || typeof item.media !== "string") {
      throw badRequest(`can't parse InputMedia JSON object #${index + 1}`);
    }
    const kind = ownValue(ALBUM_KINDS, item.type);
    if (!kind) throw badRequest(`unsupported media type "${item.type}" in the album`);
    kinds.add(kind);
    const caption = typeof item.caption === "string" ? item.caption : "";
    const parseMode = typeof item.parse_mode === "string" ? item.parse_mode : undefined;
    const explicit = Array.isArray(item.caption_entities)
      ? entitiesParam(new Params({ caption_entities: item.caption_entities }), "caption_entities")
      : undefined;
    return {
      ...mediaFields(ctx.state.files.resolve(kind, item.media)),
      ...formatCaption(caption, parseMode, explicit),
      ...(item.has_spoiler === true && kind !== "document" && kind !== "audio"
        ? { has_media_spoiler: true as const }
        : {}),
    };
  });
  if ((kinds.has("document") || kinds.has("audio")) && kinds.size > 1) {
    throw badRequest("documents and audio can't be mixed with other media types in an album");
  }
  const markup = inlineMarkup(params);
  if (markup) throw badRequest("reply markup is not supported for media groups");
  consumeSend(ctx, target.chat);
  const mediaGroupId = newMediaGroupId();
  return contents.map((content) =>
    structuredClone(
      appendBotMessage(ctx, target.chat, target.topicId, target.replyTo, {
        ...content,
        media_group_id: mediaGroupId,
      }).message,
    ),
  );
}

export const sendMethods: MethodTable = {
  sendMessage,
  sendPhoto: sendMedia("photo", "photo"),
  sendVideo: sendMedia("video", "video"),
  sendAnimation: sendMedia("animation", "animation"),
  sendAudio: sendMedia("audio", "audio"),
  sendVoice: sendMedia("voice", "voice"),
  sendVideoNote: sendMedia("video_note", "video_note"),
  sendDocument: sendMedia("document", "document"),
  sendSticker: sendMedia("sticker", "sticker"),
  sendLocation,
  sendVenue,
  sendContact,
  sendPoll,
  sendDice,
  sendMediaGroup,
};
