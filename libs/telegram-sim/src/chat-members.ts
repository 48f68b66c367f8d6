import type { ChatMember, User } from "@grammyjs/types";
import type { MemberRecord } from "./sim-state.ts";

/** Bot API ChatMember objects for a member record (no record = "left"). */
export function chatMemberOf(user: User, record: MemberRecord | undefined): ChatMember {
  switch (record?.status) {
    case "creator":
      return { status: "creator", user, is_anonymous: false };
    case "administrator":
      return {
        status: "administrator",
        user,
        can_be_edited: false,
        is_anonymous: false,
        can_manage_chat: true,
        can_delete_messages: record.rights.canDeleteMessages,
        can_manage_video_chats: false,
        can_restrict_members: record.rights.canRestrictMembers,
        can_promote_members: false,
        can_change_info: false,
        can_invite_users: true,
        can_post_stories: false,
        can_edit_stories: false,
        can_delete_stories: false,
        can_pin_messages: record.rights.canPinMessages,
        can_manage_topics: record.rights.canManageTopics,
        can_send_welcome_messages: false,
      };
    case "member":
      return { status: "member", user };
    case "restricted":
      return {
        status: "restricted",
        user,
        is_member: true,
        can_send_messages: false,
        can_send_audios: false,
        can_send_documents: false,
        can_send_photos: false,
        can_send_videos: false,
        can_send_video_notes: false,
        can_send_voice_notes: false,
        can_send_polls: false,
        can_send_other_messages: false,
        can_add_web_page_previews: false,
        can_react_to_messages: false,
        can_change_info: false,
        can_invite_users: false,
        can_edit_tag: false,
        can_pin_messages: false,
        can_manage_topics: false,
        until_date: 0,
      };
    case "kicked":
      return { status: "kicked", user, until_date: 0 };
    default:
      return { status: "left", user };
  }
}
