export { freePort, waitForPort } from "./free-port.ts";
export {
  type PrivateRedisOptions,
  type PrivateServer,
  startPrivateNats,
  startPrivatePostgres,
  startPrivateRedis,
} from "./private-servers.ts";
export { type ServiceProcess, type ServiceProcessOptions, serviceProcess } from "./service-process.ts";
