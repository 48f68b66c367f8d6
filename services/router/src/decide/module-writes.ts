/**
 * Changes to quick replies and labels that a `/say` or `/mark` decision asks for; the apply layer
 * writes them in the event's transaction. Names are already validated and lower-cased.
 */
export type ModuleWrite =
  | {
      kind: "quick-reply.save";
      name: string;
      chatId: number;
      threadId: number | null;
      messageIds: number[];
      savedBy: number | null;
    }
  | { kind: "quick-reply.delete"; name: string }
  | { kind: "label.create"; name: string; createdBy: number | null }
  | {
      kind: "label.update";
      name: string;
      patch: { ticker?: string | null; removes?: string[]; sendsTemplate?: string | null };
    }
  /** Renames the label everywhere: its definition, the dialogs carrying it, other labels' `after`. */
  | { kind: "label.rename"; name: string; newName: string }
  /** Deletes the label and takes it off every dialog. */
  | { kind: "label.delete"; name: string };
