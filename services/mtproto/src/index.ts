export { createMtcuteClient, type MtcuteClientOptions } from "./client/mtcute-client.ts";
export type {
  CopyRequest,
  EditRequest,
  MtprotoClient,
  MtprotoUpdate,
  MtprotoUpdateHandler,
  SelfIdentity,
  SendFileRequest,
  SendTextRequest,
} from "./client/mtproto-client.ts";
export { normalizeMessage } from "./inbound/normalize-message.ts";
export { type MtprotoService, type MtprotoServiceOptions, startMtprotoService } from "./mtproto-service.ts";
export type { MtprotoClientFactory } from "./session/session-runner.ts";
