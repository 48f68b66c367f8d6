export { type IngressOptions, type IngressService, startIngressService } from "./ingress-service.ts";
export { normalizeUpdate } from "./normalize/normalize-update.ts";
