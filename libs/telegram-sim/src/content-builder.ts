import type { Dice, Message, MessageEntity, Poll } from "@grammyjs/types";
import { SimError } from "./errors.ts";
import type { FileRegistry } from "./file-registry.ts";
import { detectEntities } from "./formatting/index.ts";
import { NumericStringSequence } from "./ids.ts";
import { type MediaKind, type MediaSpec, mediaFields } from "./media-factory.ts";
import { ownValue } from "./request-params.ts";

/**
 * Message content for what a simulated person sends (`sendAsUser`): turns the short test-side
 * description ({ photo: true, caption }) into the Bot API fields a real client would produce.
 */
export type MediaInput = true | MediaSpec;

export interface CaptionInput {
  caption?: string;
  captionEntities?: MessageEntity[];
}

export type SimContent =
  | { text: string; entities?: MessageEntity[] }
  | ({ photo: MediaInput } & CaptionInput)
  | ({ video: MediaInput } & CaptionInput)
  | ({ animation: MediaInput } & CaptionInput)
  | ({ audio: MediaInput } & CaptionInput)
  | ({ voice: MediaInput } & CaptionInput)
  | { videoNote: MediaInput }
  | ({ document: MediaInput } & CaptionInput)
  | { sticker: true | { emoji?: string } }
  | { location: { latitude: number; longitude: number } }
  | { venue: { latitude: number; longitude: number; title: string; address: string } }
  | { contact: { phoneNumber: string; firstName: string; lastName?: string; userId?: number } }
  | { poll: { question: string; options: string[]; isAnonymous?: boolean } }
  | { dice: true | { emoji?: string } };

export type SimAlbumItem =
  | ({ photo: MediaInput } & CaptionInput)
  | ({ video: MediaInput } & CaptionInput)
  | ({ document: MediaInput } & CaptionInput)
  | ({ audio: MediaInput } & CaptionInput);

const pollIds = new NumericStringSequence(5_310_000_000_000_001);

export function createPoll(
  question: string,
  options: string[],
  settings: { isAnonymous?: boolean; type?: "regular" | "quiz"; allowsMultipleAnswers?: boolean } = {},
): Poll {
  return {
    id: pollIds.next(),
    question,
    options: options.map((text, index) => ({ persistent_id: String(index), text, voter_count: 0 })),
    total_voter_count: 0,
    is_closed: false,
    is_anonymous: settings.isAnonymous ?? true,
    type: settings.type ?? "regular",
    allows_multiple_answers: settings.allowsMultipleAnswers ?? false,
    allows_revoting: true,
    members_only: false,
  };
}

/** Value ranges per dice emoji, as documented for the Dice object. */
const DICE_FACES: Record<string, number> = { "🎲": 6, "🎯": 6, "🎳": 6, "🏀": 5, "⚽": 5, "🎰": 64 };

export function isDiceEmoji(emoji: string): boolean {
  return ownValue(DICE_FACES, emoji) !== undefined;
}

export function rollDice(emoji = "🎲"): Dice {
  const faces = ownValue(DICE_FACES, emoji) ?? 6;
  return { emoji, value: 1 + Math.floor(Math.random() * faces) };
}

function spec(input: MediaInput): MediaSpec {
  return input === true ? {} : input;
}

function captionFields(input: CaptionInput): Partial<Message> {
  if (input.caption === undefined || input.caption === "") return {};
  const entities = detectEntities(input.caption, input.captionEntities ?? []);
  return { caption: input.caption, ...(entities.length > 0 ? { caption_entities: entities } : {}) };
}

function media(
  files: FileRegistry,
  kind: MediaKind,
  input: MediaInput,
  caption: CaptionInput,
): Partial<Message> {
  return { ...mediaFields(files.create(kind, spec(input))), ...captionFields(caption) };
}

export function buildUserContent(files: FileRegistry, content: SimContent): Partial<Message> {
  if ("text" in content) {
    if (content.text.trim() === "") throw new SimError("message text is empty");
    const entities = detectEntities(content.text, content.entities ?? []);
    return { text: content.text, ...(entities.length > 0 ? { entities } : {}) };
  }
  if ("photo" in content) return media(files, "photo", content.photo, content);
  if ("video" in content) return media(files, "video", content.video, content);
  if ("animation" in content) return media(files, "animation", content.animation, content);
  if ("audio" in content) return media(files, "audio", content.audio, content);
  if ("voice" in content) return media(files, "voice", content.voice, content);
  if ("videoNote" in content) return media(files, "video_note", content.videoNote, {});
  if ("document" in content) return media(files, "document", content.document, content);
  if ("sticker" in content) {
    const emoji = content.sticker === true ? undefined : content.sticker.emoji;
    return mediaFields(files.create("sticker", emoji ? { emoji } : {}));
  }
  if ("location" in content) return { location: { ...content.location } };
  if ("venue" in content) {
    const { latitude, longitude, title, address } = content.venue;
    // Telegram fills `location` for venues too, for clients that only know locations.
    return {
      venue: { location: { latitude, longitude }, title, address },
      location: { latitude, longitude },
    };
  }
  if ("contact" in content) {
    const c = content.contact;
    return {
      contact: {
        phone_number: c.phoneNumber,
        first_name: c.firstName,
        ...(c.lastName ? { last_name: c.lastName } : {}),
        ...(c.userId !== undefined ? { user_id: c.userId } : {}),
      },
    };
  }
  if ("poll" in content) {
    if (content.poll.options.length < 2) throw new SimError("a poll needs at least 2 options");
    return {
      poll: createPoll(content.poll.question, content.poll.options, {
        isAnonymous: content.poll.isAnonymous,
      }),
    };
  }
  if ("dice" in content) {
    const emoji = content.dice === true ? undefined : content.dice.emoji;
    return { dice: rollDice(emoji) };
  }
  throw new SimError("unknown message content");
}

export function buildAlbumItem(files: FileRegistry, item: SimAlbumItem): Partial<Message> {
  if ("photo" in item) return media(files, "photo", item.photo, item);
  if ("video" in item) return media(files, "video", item.video, item);
  if ("document" in item) return media(files, "document", item.document, item);
  if ("audio" in item) return media(files, "audio", item.audio, item);
  throw new SimError("album items must be photos, videos, documents or audio");
}
