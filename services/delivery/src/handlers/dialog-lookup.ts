import type { DeliveryDialog } from "../store/delivery-store.ts";
import type { DeliveryContext } from "./delivery-context.ts";

/** The dialog was deleted (its connection removed) after the job was queued: nothing to deliver. */
export class DialogGoneError extends Error {
  constructor(dialogId: number) {
    super(`dialog ${dialogId} no longer exists`);
    this.name = "DialogGoneError";
  }
}

export async function requireDialog(context: DeliveryContext, dialogId: number): Promise<DeliveryDialog> {
  const dialog = await context.store.dialog(dialogId);
  if (!dialog) throw new DialogGoneError(dialogId);
  return dialog;
}
