import { CliError } from "../cli-error.ts";

/** The simulator's control API as the CLI uses it (the simulator runs inside `pnpm start`). */
export interface SimWorld {
  bot: { id: number };
  client: { id: number };
  operator: { id: number };
  group: {
    chatId: number;
    topics: Array<{ threadId: number; name: string; closed: boolean; deleted: boolean }>;
  };
}

interface SimSummary {
  users: Array<{ id: number; first_name: string }>;
  bots: Array<{ id: number }>;
  groups: Array<{
    chatId: number;
    members: Array<{ userId: number; status: string }>;
    topics: SimWorld["group"]["topics"];
  }>;
}

export interface SimMessage {
  message_id: number;
  from?: { first_name: string; is_bot: boolean };
  text?: string;
  caption?: string;
  date: number;
}

export function simUrl(): string {
  return process.env.TOPICDESK_SIM_URL ?? `http://127.0.0.1:${process.env.TOPICDESK_SIM_PORT ?? 8081}`;
}

export async function simRequest<T>(path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${simUrl()}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new CliError(
      `The simulator does not answer at ${simUrl()}. Start the system first: bash scripts/td.sh start`,
    );
  }
  if (!response.ok) throw new CliError(`The simulator refused ${path}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** The demo's people: the client is the user who is not in the group; the operator owns it. */
export async function loadWorld(clientName?: string): Promise<SimWorld> {
  const summary = await simRequest<SimSummary>("/sim/state");
  const group = summary.groups[0];
  const bot = summary.bots[0];
  if (!group || !bot) throw new CliError("The simulator has no bot or backend group yet.");
  const memberIds = new Set(group.members.map((member) => member.userId));
  const operatorId = group.members.find((member) => member.status === "creator")?.userId;
  const client = summary.users.find((user) =>
    clientName ? user.first_name.toLowerCase() === clientName.toLowerCase() : !memberIds.has(user.id),
  );
  if (!client || operatorId === undefined)
    throw new CliError("The simulator has no demo client or operator.");
  return { bot, client, operator: { id: operatorId }, group };
}
