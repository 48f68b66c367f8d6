import type { MessageInfo } from "@topicdesk/contracts";
import type { Decision } from "../decide/decision.ts";
import type { EventContext } from "../decide/event-context.ts";

export interface CommandInput {
  context: EventContext;
  args: string;
  message: MessageInfo;
}

/** A backend-group command: a pure decision, like everything else the router decides. */
export type CommandHandler = (input: CommandInput) => Decision;
