import { type DeliveryJob, type DomainEvent, deliveryJobId, type FileSource } from "@topicdesk/contracts";

/** A `command.invoked` event whose command is present (the consumer checks before dispatching). */
export type CommandEvent = DomainEvent & { command: NonNullable<DomainEvent["command"]> };

/**
 * The jobs that answer a command in the backend group, in the topic it was written in and as a
 * reply to it. Job ids derive from the event id and the answer's position, so a redelivered event
 * queues nothing twice (BullMQ keeps completed ids a day).
 */
export class GroupAnswer {
  readonly #event: CommandEvent;
  #index = 0;

  constructor(event: CommandEvent) {
    this.#event = event;
  }

  text(text: string): DeliveryJob {
    return { ...this.#common(), type: "text.send", target: this.#target(), text };
  }

  file(file: FileSource, as: "document" | "photo", caption?: string): DeliveryJob {
    return {
      ...this.#common(),
      type: "file.send",
      target: this.#target(),
      file,
      as,
      ...(caption === undefined ? {} : { caption }),
    };
  }

  #common() {
    const { id, connectionId, command } = this.#event;
    this.#index += 1;
    return {
      v: 1 as const,
      id: deliveryJobId(`reports.${id}`, this.#index - 1),
      connectionId,
      causeEventId: id,
      replyToMessageId: command.messageId,
    };
  }

  #target() {
    const { threadId } = this.#event.command;
    return threadId === undefined ? { kind: "backend" as const } : { kind: "backend" as const, threadId };
  }
}
