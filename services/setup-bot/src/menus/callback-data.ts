/**
 * Callback data of the setup bot's buttons. Telegram allows 64 bytes: connection ids are at most
 * 40 characters, so parameters are addressed by their index in the parameter table, not by name.
 */
export const MAIN_MENU = "menu";
export const CONNECT_BOT = "new:bot";
export const CONNECT_ACCOUNT = "new:account";

/** Buttons that belong to the step a conversation is waiting in. */
export const STEP_CANCEL = "step:cancel";
export const STEP_RECHECK = "step:recheck";
export const STEP_RESET = "step:reset";

export const CONNECTION_ACTIONS = [
  "card",
  "params",
  "param",
  "group",
  "ops",
  "keys",
  "key-new",
  "key-revoke",
  "pause",
  "resume",
  "delete",
  "delete-confirmed",
] as const;

export type ConnectionAction = (typeof CONNECTION_ACTIONS)[number];

export interface ConnectionButton {
  connectionId: string;
  action: ConnectionAction;
  /** The parameter index for "param", the scope index for "key-new", the key id for "key-revoke". */
  argument?: number;
}

export function connectionData(connectionId: string, action: ConnectionAction, argument?: number): string {
  return argument === undefined ? `c:${connectionId}:${action}` : `c:${connectionId}:${action}:${argument}`;
}

export const CONNECTION_DATA = /^c:([a-z0-9-]{1,40}):([a-z-]+)(?::(\d{1,9}))?$/;

export function parseConnectionData(data: string): ConnectionButton | undefined {
  const match = CONNECTION_DATA.exec(data);
  const action = CONNECTION_ACTIONS.find((known) => known === match?.[2]);
  if (!match?.[1] || !action) return undefined;
  return {
    connectionId: match[1],
    action,
    ...(match[3] === undefined ? {} : { argument: Number(match[3]) }),
  };
}
