import type { DeliveryJob } from "@topicdesk/contracts";
import type { Database } from "@topicdesk/db";
import type { Kysely } from "kysely";
import type { CommandEvent, GroupAnswer } from "../answers/group-answer.ts";

/** What a report command may use; built once by the service. */
export interface ReportContext {
  db: Kysely<Database>;
  /** Parks file bytes in the blob store and returns the key a `file.send` job carries. */
  storeBlob(bytes: Uint8Array): Promise<string>;
  now(): Date;
}

/** Carries out one command and returns the answers to queue, in order. Bad input is an answer too. */
export type ReportCommand = (
  event: CommandEvent,
  answer: GroupAnswer,
  context: ReportContext,
) => Promise<DeliveryJob[]>;
