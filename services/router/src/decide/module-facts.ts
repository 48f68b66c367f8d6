/**
 * A quick reply (`/say`): a reference to messages in the backend group, never their content.
 * Telegram keeps the content; sending it is a copy (or forward) of these message ids.
 */
export interface QuickReply {
  name: string;
  chatId: number;
  /** The topic it was saved from (for its t.me link); null for the General topic. */
  threadId: number | null;
  messageIds: number[];
}

/** A label (`/mark`) as the connection's administrator defined it. */
export interface LabelDefinition {
  name: string;
  ticker: string | null;
  /** `after`: labels removed from a dialog when this one is added (earlier funnel stages). */
  removes: string[];
  /** `sends`: the quick reply sent to the client when this label is added. */
  sendsTemplate: string | null;
}
