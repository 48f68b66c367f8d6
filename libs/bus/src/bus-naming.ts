import {
  type DomainEventKind,
  domainEventSubject,
  EVENTS_STREAM,
  EVENTS_SUBJECTS,
  INBOUND_STREAM,
  INBOUND_SUBJECTS,
  inboundPartitionFilter,
  inboundSubject,
} from "@topicdesk/contracts";

/**
 * Stream names and subjects, optionally under a prefix so tests (or several installs sharing one
 * NATS) get streams of their own: `<prefix>.td.in.>` in stream `<PREFIX>_TD_IN`. Without a prefix
 * they are exactly the contract's. The unprefixed parts always come from @topicdesk/contracts.
 */
export interface BusNaming {
  readonly prefix: string | undefined;
  readonly inboundStream: string;
  readonly eventsStream: string;
  /** Everything the inbound stream stores (`td.in.>`). */
  readonly inboundSubjects: string;
  /** Everything the events stream stores (`td.evt.>`). */
  readonly eventsSubjects: string;
  inboundSubject(partition: number, connectionId: string, chatId: number): string;
  inboundPartitionFilter(partition: number): string;
  domainEventSubject(connectionId: string, kind: DomainEventKind): string;
  /** Any contract subject under this naming's prefix, for streams of a service's own (`td.relay.>`). */
  subject(unprefixed: string): string;
  /** Any contract stream name under this naming's prefix (`TD_RELAY` → `<PREFIX>_TD_RELAY`). */
  stream(unprefixed: string): string;
}

/** A prefix becomes a subject token and part of a stream name, so it is kept to safe characters. */
const PREFIX_PATTERN = /^[A-Za-z0-9-]{1,32}$/;

export function createBusNaming(prefix?: string): BusNaming {
  if (prefix !== undefined && !PREFIX_PATTERN.test(prefix)) {
    throw new Error(`bus prefix must be 1 to 32 letters, digits or dashes; got ${JSON.stringify(prefix)}`);
  }
  const subject = (unprefixed: string) => (prefix === undefined ? unprefixed : `${prefix}.${unprefixed}`);
  const stream = (unprefixed: string) =>
    prefix === undefined ? unprefixed : `${prefix.toUpperCase().replaceAll("-", "_")}_${unprefixed}`;
  return {
    prefix,
    inboundStream: stream(INBOUND_STREAM),
    eventsStream: stream(EVENTS_STREAM),
    inboundSubjects: subject(INBOUND_SUBJECTS),
    eventsSubjects: subject(EVENTS_SUBJECTS),
    inboundSubject: (partition, connectionId, chatId) =>
      subject(inboundSubject(partition, connectionId, chatId)),
    inboundPartitionFilter: (partition) => subject(inboundPartitionFilter(partition)),
    domainEventSubject: (connectionId, kind) => subject(domainEventSubject(connectionId, kind)),
    subject,
    stream,
  };
}
