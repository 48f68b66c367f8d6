import type { Bus } from "@topicdesk/bus";
import { ConnectionBotApis } from "@topicdesk/connections";
import { ConnectionRepository, type Database, MtprotoSessionRepository, type SecretBox } from "@topicdesk/db";
import { createMtprotoCaller, createTransportSelector } from "@topicdesk/telegram-transport";
import type { Kysely } from "kysely";
import { botApiLookup } from "./bot-api-lookup.ts";
import { mtprotoLookup } from "./mtproto-lookup.ts";
import type { TelegramLookup, TelegramLookups } from "./telegram-lookup.ts";

export interface TelegramLookupsOptions {
  db: Kysely<Database>;
  secretBox: SecretBox;
  telegramApiRoot: string;
  nc: Pick<Bus["nc"], "request">;
  /** The bus naming's prefix (the session's call subject is isolated like the streams). */
  subjectPrefix?: string | undefined;
}

/**
 * A lookup is asked inside an event's transaction, so it must not wait long: the session owner
 * has 5 s to start it, and a late answer is simply not waited for (reading twice is harmless).
 */
const LOOKUP_DEADLINE_MS = 5_000;
const LOOKUP_ANSWER_GRACE_MS = 1_000;

/** Picks each connection's lookup the same way delivery picks its send API (`@topicdesk/telegram-transport`). */
export function createTelegramLookups(options: TelegramLookupsOptions): TelegramLookups {
  return createTransportSelector<TelegramLookup>({
    sessions: new MtprotoSessionRepository(options.db),
    botApis: new ConnectionBotApis({
      connections: new ConnectionRepository(options.db),
      secretBox: options.secretBox,
      telegramApiRoot: options.telegramApiRoot,
    }),
    viaSession: (connectionId) =>
      mtprotoLookup(
        createMtprotoCaller({
          nc: options.nc,
          connectionId,
          subjectPrefix: options.subjectPrefix,
          deadlineMs: LOOKUP_DEADLINE_MS,
          answerGraceMs: LOOKUP_ANSWER_GRACE_MS,
        }),
      ),
    viaBotApi: (api) => botApiLookup(api),
  });
}
