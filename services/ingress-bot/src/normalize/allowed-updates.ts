/** The update kinds the help desk uses; Telegram sends only these (reactions must be asked for). */
export const ALLOWED_UPDATES = [
  "message",
  "edited_message",
  "channel_post",
  "edited_channel_post",
  "message_reaction",
  "my_chat_member",
] as const;
