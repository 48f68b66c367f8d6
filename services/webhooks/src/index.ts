export { topicLink, type WebhookBody } from "./payloads/webhook-body.ts";
export {
  SIGNATURE_HEADER,
  type SignatureCheck,
  verifyWebhookSignature,
} from "./sending/webhook-signature.ts";
export {
  defaultWebhookSettings,
  startWebhooksService,
  type WebhookSettings,
  type WebhooksService,
  type WebhooksServiceOptions,
} from "./webhooks-service.ts";
