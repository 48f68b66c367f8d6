export {
  type DeliveryService,
  type DeliveryServiceOptions,
  startDeliveryService,
} from "./delivery-service.ts";
