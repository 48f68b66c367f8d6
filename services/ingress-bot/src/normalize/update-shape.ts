import type { Update } from "@grammyjs/types";
import Type from "typebox";
import { Compile } from "typebox/compile";

/**
 * The structure normalizeUpdate walks: an update id Telegram could have issued, and an object
 * wherever normalizeUpdate looks inside one. Leaf values (ids, texts, chat types) are left to the
 * contract's validator on the normalized event, so this stays short; other fields pass through.
 *
 * Checked here with a compiled TypeBox validator rather than a fastify body schema: fastify's Ajv
 * coerces types, and would turn `"8001"` or `true` into an update id (and so an event id).
 */
const Loose = { additionalProperties: true } as const;
const WithChat = Type.Object({ chat: Type.Object({}, Loose) }, Loose);

const UpdateShape = Type.Object(
  {
    update_id: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
    message: Type.Optional(WithChat),
    edited_message: Type.Optional(WithChat),
    channel_post: Type.Optional(WithChat),
    edited_channel_post: Type.Optional(WithChat),
    message_reaction: Type.Optional(
      Type.Object({ chat: Type.Object({}, Loose), new_reaction: Type.Array(Type.Object({}, Loose)) }, Loose),
    ),
    my_chat_member: Type.Optional(
      Type.Object(
        {
          chat: Type.Object({}, Loose),
          from: Type.Object({}, Loose),
          new_chat_member: Type.Object({}, Loose),
        },
        Loose,
      ),
    ),
  },
  Loose,
);

const updateShape = Compile(UpdateShape);

export function isUpdateShaped(value: unknown): value is Update {
  return updateShape.Check(value);
}
