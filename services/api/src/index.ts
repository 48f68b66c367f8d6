export { type ApiService, type ApiServiceOptions, startApiService } from "./api-service.ts";
export { buildApiApp } from "./app/build-api-app.ts";
export type { AccountLoginClients, ApiApp, ApiDeps } from "./app/route-context.ts";
