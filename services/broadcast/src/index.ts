export {
  BROADCAST_CONSUMER,
  type BroadcastService,
  type BroadcastServiceOptions,
  startBroadcastService,
} from "./broadcast-service.ts";
export { parseSendCommand, type SendCommand } from "./commands/send-command.ts";
