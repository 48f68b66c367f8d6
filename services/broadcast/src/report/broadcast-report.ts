import type { Broadcast, BroadcastRecipient, RecipientStatus } from "@topicdesk/db";
import { type DeliveryQueues, storeBlob } from "@topicdesk/queue";
import { stringify } from "csv-stringify/sync";
import type { Redis } from "ioredis";
import { reportCaption } from "../commands/answers.ts";

export const REPORT_COLUMNS = ["recipient", "connection", "status", "reason", "updated_at"] as const;

/** How each recipient row reads in the report: a recipient never reached by a cancel is "not sent". */
const STATUS_IN_REPORT: Record<RecipientStatus, string> = {
  pending: "not sent",
  sending: "unknown",
  sent: "sent",
  blocked: "blocked",
  failed: "failed",
  skipped: "not sent",
};

/** The CSV (UTF-8 with BOM, for spreadsheet apps): one row per recipient, ids only. */
export function reportCsv(recipients: readonly BroadcastRecipient[]): Uint8Array {
  const csv = stringify(
    recipients.map((recipient) => [
      recipient.chat_id,
      recipient.connection_id,
      STATUS_IN_REPORT[recipient.status],
      recipient.reason ?? "",
      recipient.updated_at?.toISOString() ?? "",
    ]),
    { header: true, columns: [...REPORT_COLUMNS], bom: true },
  );
  return new TextEncoder().encode(csv);
}

export interface ReportDeps {
  redis: Redis;
  queuePrefix: string;
  queues: DeliveryQueues;
}

/** A day is plenty for delivery to pick the file up; the bytes vanish after it either way. */
const REPORT_BLOB_TTL_SECONDS = 24 * 3600;

/** Sends the report into General as a document through delivery (its `file.send` job). */
export async function sendReport(
  broadcast: Broadcast,
  recipients: readonly BroadcastRecipient[],
  counts: Record<RecipientStatus, number>,
  deps: ReportDeps,
): Promise<void> {
  const key = await storeBlob(deps.redis, deps.queuePrefix, reportCsv(recipients), REPORT_BLOB_TTL_SECONDS);
  await deps.queues.enqueue(
    { kind: "group", chatId: broadcast.backend_chat_id },
    {
      v: 1,
      id: `broadcast.${broadcast.id}.report`,
      connectionId: broadcast.connection_id,
      type: "file.send",
      target: { kind: "backend" },
      file: { kind: "blob", key, fileName: `broadcast-${broadcast.id}.csv`, contentType: "text/csv" },
      as: "document",
      caption: reportCaption(broadcast, counts),
    },
  );
}
