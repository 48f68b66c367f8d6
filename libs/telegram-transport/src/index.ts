export {
  createMtprotoCaller,
  type MtprotoCaller,
  type MtprotoCallerOptions,
  MtprotoUnreachableError,
} from "./mtproto-caller.ts";
export {
  createTransportSelector,
  NoTransportError,
  type TransportSelector,
  type TransportSelectorOptions,
} from "./transport-selector.ts";
