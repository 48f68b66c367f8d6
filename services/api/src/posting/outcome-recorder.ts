import { AckPolicy, type ConsumerMessages, DeliverPolicy, type JsMsg } from "@nats-io/jetstream";
import type { Bus, BusNaming } from "@topicdesk/bus";
import { type DomainEventKind, domainEventValidator } from "@topicdesk/contracts";
import { ApiPostRepository, type Database } from "@topicdesk/db";
import type { Logger } from "@topicdesk/telemetry";
import type { Kysely } from "kysely";
import { isApiJobId } from "./api-job-id.ts";

export interface OutcomeRecorder {
  stop(): Promise<void>;
}

export interface OutcomeRecorderOptions {
  db: Kysely<Database>;
  bus: Bus;
  naming: BusNaming;
  log: Logger;
  /** Durable consumer names start with this (tests make it unique per run). */
  durablePrefix?: string;
}

/**
 * Records what became of each message posted through the API, from delivery's domain events
 * (`message.posted` / `message.failed`, named after the job id). Durable consumers, so an outcome
 * that arrives while no API process runs is recorded when one starts; shared by every API replica.
 * nats-server 2.9 allows one filter subject per consumer, hence one consumer per kind.
 */
export async function startOutcomeRecorder(options: OutcomeRecorderOptions): Promise<OutcomeRecorder> {
  const kinds: DomainEventKind[] = ["message.posted", "message.failed"];
  const loops = await Promise.all(kinds.map((kind) => startLoop(options, kind)));
  return { stop: async () => void (await Promise.all(loops.map((loop) => loop()))) };
}

async function startLoop(
  options: OutcomeRecorderOptions,
  kind: DomainEventKind,
): Promise<() => Promise<void>> {
  const durable = `${options.durablePrefix ?? "api"}-${kind.replace(".", "-")}`;
  await options.bus.jsm.consumers.add(options.naming.eventsStream, {
    durable_name: durable,
    filter_subject: options.naming.domainEventSubject("*", kind),
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.New,
  });
  const posts = new ApiPostRepository(options.db);
  let stopping = false;
  let messages: ConsumerMessages | undefined;
  const loop = async () => {
    while (!stopping) {
      try {
        messages = await (await options.bus.js.consumers.get(options.naming.eventsStream, durable)).consume();
        if (stopping) messages.stop();
        for await (const msg of messages) await record(msg, posts, options.log);
      } catch (error) {
        if (stopping) break;
        options.log.warn({ err: error, durable }, "outcome consumer failed; restarting");
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  };
  const done = loop();
  return async () => {
    stopping = true;
    messages?.stop();
    await done;
  };
}

async function record(msg: JsMsg, posts: ApiPostRepository, log: Logger): Promise<void> {
  const event: unknown = JSON.parse(msg.string());
  if (!domainEventValidator.Check(event)) return msg.term();
  const suffix = `.${event.kind}`;
  const jobId = event.id.endsWith(suffix) ? event.id.slice(0, -suffix.length) : undefined;
  if (jobId === undefined || !isApiJobId(jobId)) return msg.ack();
  try {
    const messageId = event.messageIds?.[0];
    await posts.finish(
      jobId,
      event.kind === "message.posted" && messageId !== undefined
        ? { status: "sent", messageId }
        : { status: "failed", reason: event.reason ?? "unknown" },
    );
    msg.ack();
  } catch (error) {
    log.warn({ err: error, jobId }, "could not record a post outcome; it comes back");
    msg.nak(1000);
  }
}
