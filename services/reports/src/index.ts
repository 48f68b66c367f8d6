export { type ReportsService, type ReportsServiceOptions, startReportsService } from "./reports-service.ts";
