/**
 * The webhook relay's own stream (docs/parallel-mode.md): ingress stores each update of a relaying
 * connection here, byte for byte, before it answers Telegram; a forwarder sends it on to the other
 * system's URL. Internal to ingress: integrators read `td.evt.>`, not this.
 */
export const RELAY_STREAM = "TD_RELAY";
/** Everything the relay stream stores: the roots of `relaySubject`. */
export const RELAY_SUBJECTS = "td.relay.>";

/** One subject per relaying connection, so each is forwarded in order by a consumer of its own. */
export function relaySubject(connectionId: string): string {
  return `td.relay.${connectionId}`;
}
