export { type RouterService, type RouterServiceOptions, startRouterService } from "./router-service.ts";
