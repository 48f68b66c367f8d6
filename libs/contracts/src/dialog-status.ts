import Type from "typebox";

/**
 * A dialog's status, shown as the first character of its topic name so operators see at a glance
 * which clients are waiting. Names are the reference product's, so teams moving over keep them.
 */
export const DialogStatus = {
  UserAnswered: "user_answered",
  SupportAnswered: "support_answered",
  Closed: "closed",
} as const;
export type DialogStatus = (typeof DialogStatus)[keyof typeof DialogStatus];

export const DialogStatusSchema = Type.Union([
  Type.Literal(DialogStatus.UserAnswered),
  Type.Literal(DialogStatus.SupportAnswered),
  Type.Literal(DialogStatus.Closed),
]);

export const dialogStatusIcon: Record<DialogStatus, string> = {
  user_answered: "🟪",
  support_answered: "🟨",
  closed: "⬛️",
};
