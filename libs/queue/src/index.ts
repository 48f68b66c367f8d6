export * from "./active-queues.ts";
export * from "./blob-store.ts";
export * from "./delivery-queues.ts";
export * from "./lane-claims.ts";
export * from "./redis-connection.ts";
