import { type Database, ParameterRepository } from "@topicdesk/db";
import { type HideInfoOption, resolveParameters } from "@topicdesk/params";
import type { Kysely } from "kysely";

/** The connection's HIDE_INFO options, parsed as everywhere else. */
export async function hideInfoOf(db: Kysely<Database>, connectionId: string): Promise<HideInfoOption[]> {
  const raw = await new ParameterRepository(db).listRaw(connectionId);
  return [...resolveParameters(raw).values.HIDE_INFO];
}
