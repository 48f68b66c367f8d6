export * from "./delivery-job.ts";
export * from "./dialog-status.ts";
export * from "./domain-event.ts";
export * from "./inbound-event.ts";
export * from "./subjects.ts";
