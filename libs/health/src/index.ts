export { natsCheck, postgresCheck, redisCheck } from "./dependency-checks.ts";
export { type HealthRouteOptions, healthRoutes } from "./health-routes.ts";
export { type HealthServer, type HealthServerOptions, startHealthServer } from "./health-server.ts";
export {
  checkReadiness,
  DEFAULT_CHECK_TIMEOUT_MS,
  type DependencyCheck,
  type Readiness,
} from "./readiness.ts";
