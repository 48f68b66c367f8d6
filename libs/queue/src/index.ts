export * from "./active-queues.ts";
export * from "./delivery-queues.ts";
export * from "./redis-connection.ts";
