/**
 * `/send` as operators write it in the General topic (reference §3.3, spec decision 10):
 *
 *   /send test|all|label:<a>[,<b>]|list <id>… [active:<N>d] [inactive:<N>d] [connection:<id>] [at <ISO time>]
 *       as a reply to the prepared message → a draft and its preview
 *   /send file [at <ISO time>] as the caption of a document of user ids (.txt or .csv), sent as a
 *       reply to the prepared message → the same, for the ids in the file
 *   /send confirm|pause|resume|cancel|status <broadcast id>
 *   /send, /send help → the syntax
 *
 * Parsing is pure: every mistake becomes a one-line answer and nothing is stored.
 */

export type AudienceSpec =
  | { kind: "test" }
  | { kind: "all" }
  | { kind: "labels"; labels: string[] }
  | { kind: "list"; ids: number[]; fromFile?: boolean }
  /** The ids are in the document the command came with; they replace this once it is read. */
  | { kind: "file" };

export interface AudienceFilters {
  /** Only clients who wrote within this many milliseconds. */
  activeWithinMs?: number;
  /** Only clients who have not written for this many milliseconds. */
  inactiveForMs?: number;
  connectionId?: string;
}

export const MANAGEMENT_VERBS = ["confirm", "pause", "resume", "cancel", "status"] as const;
export type ManagementVerb = (typeof MANAGEMENT_VERBS)[number];

export type SendCommand =
  | { verb: "help" }
  | { verb: "create"; audience: AudienceSpec; filters: AudienceFilters; at?: Date }
  | { verb: ManagementVerb; broadcastId: number };

export type ParsedSendCommand = { ok: true; command: SendCommand } | { ok: false; error: string };

/** Inline lists stay short enough to read back in a preview; longer lists belong in a file. */
export const MAX_LIST_IDS = 1000;
const LABEL_PATTERN = /^[a-z][a-z0-9_-]*$/;
const DURATION_PATTERN = /^(\d{1,4})([dh])$/;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const fail = (error: string): ParsedSendCommand => ({ ok: false, error });

export function parseSendCommand(args: string): ParsedSendCommand {
  const tokens = args.trim().split(/\s+/).filter(Boolean);
  const [first, ...rest] = tokens;
  if (first === undefined || first.toLowerCase() === "help") return { ok: true, command: { verb: "help" } };
  const verb = first.toLowerCase();
  if ((MANAGEMENT_VERBS as readonly string[]).includes(verb))
    return parseManagement(verb as ManagementVerb, rest);
  return parseCreate(verb, rest);
}

function parseManagement(verb: ManagementVerb, rest: string[]): ParsedSendCommand {
  const id = rest.length === 1 ? Number((rest[0] ?? "").replace(/^#/, "")) : Number.NaN;
  if (!Number.isSafeInteger(id) || id <= 0)
    return fail(`Usage: /send ${verb} <broadcast number>, e.g. /send ${verb} 12.`);
  return { ok: true, command: { verb, broadcastId: id } };
}

function parseCreate(first: string, rest: string[]): ParsedSendCommand {
  let audience: AudienceSpec;
  let options = rest;
  if (first === "test") audience = { kind: "test" };
  else if (first === "all") audience = { kind: "all" };
  else if (first === "file") audience = { kind: "file" };
  else if (first.startsWith("label:")) {
    const labels = first.slice("label:".length).split(",").filter(Boolean);
    const bad = labels.find((label) => !LABEL_PATTERN.test(label));
    if (labels.length === 0 || bad !== undefined)
      return fail(`"${first}" is not a label list: label:vip or label:vip,new.`);
    audience = { kind: "labels", labels };
  } else if (first === "list") {
    const ids: number[] = [];
    while (options[0] !== undefined && /^\d+$/.test(options[0])) {
      ids.push(Number(options[0]));
      options = options.slice(1);
    }
    if (ids.length === 0) return fail("list needs user ids: /send list 12345 67890.");
    if (ids.length > MAX_LIST_IDS) return fail(`list takes at most ${MAX_LIST_IDS} ids.`);
    if (ids.some((id) => !Number.isSafeInteger(id) || id <= 0)) return fail("User ids are positive numbers.");
    audience = { kind: "list", ids: [...new Set(ids)] };
  } else {
    return fail(
      `Unknown recipients "${first}": use test, all, label:<name>, list <ids…>, file. /send help shows the syntax.`,
    );
  }
  return parseOptions(audience, options);
}

function parseOptions(audience: AudienceSpec, tokens: string[]): ParsedSendCommand {
  const filters: AudienceFilters = {};
  let at: Date | undefined;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] ?? "";
    const [name, value = ""] = splitOption(token);
    if (token.toLowerCase() === "at") {
      const parsed = parseTime(tokens[index + 1]);
      if (!parsed.ok) return fail(parsed.error);
      at = parsed.at;
      index += 1;
    } else if (name === "active" || name === "inactive") {
      const ms = parseDuration(value);
      if (ms === undefined) return fail(`"${token}" needs a period like ${name}:7d or ${name}:12h.`);
      if (name === "active") filters.activeWithinMs = ms;
      else filters.inactiveForMs = ms;
    } else if (name === "connection" && /^[a-z0-9][a-z0-9-]{0,39}$/.test(value)) {
      filters.connectionId = value;
    } else {
      return fail(`Unknown option "${token}". /send help shows the syntax.`);
    }
  }
  const filtered = Object.keys(filters).length > 0;
  if (filtered && (audience.kind === "test" || audience.kind === "list" || audience.kind === "file")) {
    return fail(`Filters apply to all and label: recipients, not to ${audience.kind}.`);
  }
  return { ok: true, command: { verb: "create", audience, filters, ...(at ? { at } : {}) } };
}

function splitOption(token: string): [string, string | undefined] {
  const colon = token.indexOf(":");
  return colon < 0
    ? [token.toLowerCase(), undefined]
    : [token.slice(0, colon).toLowerCase(), token.slice(colon + 1)];
}

function parseDuration(value: string): number | undefined {
  const match = DURATION_PATTERN.exec(value);
  if (!match) return undefined;
  const amount = Number(match[1]);
  if (amount === 0) return undefined;
  return amount * (match[2] === "d" ? 86_400_000 : 3_600_000);
}

/** A zone is required: "10:00" means different moments to operators in different countries. */
function parseTime(value: string | undefined): { ok: true; at: Date } | { ok: false; error: string } {
  const example = "at 2030-05-01T09:00Z or at 2030-05-01T12:00+03:00";
  if (value === undefined || !ISO_WITH_ZONE.test(value)) {
    return { ok: false, error: `"at" needs an ISO time with a zone: ${example}.` };
  }
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return { ok: false, error: `"${value}" is not a valid time: ${example}.` };
  return { ok: true, at };
}

/** The audience as a short normalized phrase, for previews, progress and the database. */
export function describeAudience(audience: AudienceSpec, filters: AudienceFilters): string {
  const parts: string[] = [];
  if (audience.kind === "labels") parts.push(`label:${audience.labels.join(",")}`);
  else if (audience.kind === "list")
    parts.push(`${audience.fromFile ? "file" : "list"} of ${audience.ids.length}`);
  else parts.push(audience.kind);
  if (filters.activeWithinMs !== undefined) parts.push(`active:${formatDuration(filters.activeWithinMs)}`);
  if (filters.inactiveForMs !== undefined) parts.push(`inactive:${formatDuration(filters.inactiveForMs)}`);
  if (filters.connectionId !== undefined) parts.push(`connection:${filters.connectionId}`);
  return parts.join(" ");
}

function formatDuration(ms: number): string {
  return ms % 86_400_000 === 0 ? `${ms / 86_400_000}d` : `${ms / 3_600_000}h`;
}

export const SEND_HELP = [
  "📣 /send — broadcasts. Reply to the prepared message in General with:",
  "/send test — to yourself only",
  "/send all | label:<name>[,<name>] | list <id> <id>…",
  "/send file — as the caption of a .txt/.csv of user ids (one a line, or the first column)",
  "  filters (all, label): active:7d, inactive:30d, connection:<id>",
  "  schedule: at 2030-05-01T09:00Z",
  "Then: /send confirm <n> · pause <n> · resume <n> · cancel <n> · status <n>",
].join("\n");
