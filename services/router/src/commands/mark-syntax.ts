/**
 * `/mark` arguments, with the reference's syntax (spec reference §3.4). In the General topic the
 * labels themselves are managed; in a client's topic they are put on and taken off the dialog.
 * Label names start with a Latin letter; letters, digits, `-`, `_`; case-insensitive.
 */
export type MarkCommand =
  | { kind: "list" }
  | { kind: "help" }
  | { kind: "show"; name: string }
  | { kind: "new"; name: string }
  | { kind: "delete"; name: string }
  | { kind: "after"; name: string; removes: string[] }
  | { kind: "sends"; name: string; template: string | null }
  | { kind: "ticker"; name: string; ticker: string | null }
  | { kind: "rename"; name: string; newName: string }
  | { kind: "invalid"; reason: string };

const LABEL_NAME = /^[a-z][a-z0-9_-]{0,31}$/;
const RESERVED = new Set(["new", "del", "help", "clear"]);
const MAX_TICKER = 16;

export function parseMark(args: string): MarkCommand {
  const [first, second, ...rest] = args.split(/\s+/).filter((word) => word.length > 0);
  if (first === undefined) return { kind: "list" };
  const keyword = first.toLowerCase();
  if (keyword === "help") return { kind: "help" };
  if (keyword === "new" || keyword === "del") {
    if (second === undefined || rest.length > 0) return invalid(`usage: /mark ${keyword} NAME`);
    return withName(second, (name) => (keyword === "new" ? { kind: "new", name } : { kind: "delete", name }));
  }
  return withName(first, (name) => {
    if (second === undefined) return { kind: "show", name };
    return property(name, second.toLowerCase(), rest.join(" "));
  });
}

/** The label a command is about, for loading what it needs (undefined for list, help, invalid). */
export function labelOf(command: MarkCommand): string | undefined {
  return "name" in command ? command.name : undefined;
}

function property(name: string, option: string, value: string): MarkCommand {
  if (value.length === 0) return invalid(`usage: /mark ${name} ${option} VALUE (or CLEAR)`);
  const clear = value.toUpperCase() === "CLEAR";
  switch (option) {
    case "after":
      return clear ? { kind: "after", name, removes: [] } : afterList(name, value);
    case "sends":
      if (clear) return { kind: "sends", name, template: null };
      return /^[\p{L}\p{N}_-]{1,32}$/u.test(value)
        ? { kind: "sends", name, template: value.toLowerCase() }
        : invalid(`“${value.slice(0, 40)}” is not a quick reply name`);
    case "ticker":
      if (clear) return { kind: "ticker", name, ticker: null };
      return [...value].length <= MAX_TICKER
        ? { kind: "ticker", name, ticker: value }
        : invalid(`a ticker is at most ${MAX_TICKER} characters`);
    case "name":
      return withName(value, (newName) => ({ kind: "rename", name, newName }));
    default:
      return invalid(`unknown option “${option.slice(0, 20)}”: after, sends, ticker or name`);
  }
}

function afterList(name: string, value: string): MarkCommand {
  const names = value.split(/[\s,]+/).filter((part) => part.length > 0);
  const removes: string[] = [];
  for (const raw of names) {
    const parsed = withName(raw, (label) => ({ kind: "show", name: label }));
    if (parsed.kind === "invalid") return parsed;
    if (parsed.kind === "show" && parsed.name !== name && !removes.includes(parsed.name)) {
      removes.push(parsed.name);
    }
  }
  return { kind: "after", name, removes };
}

function withName(raw: string, build: (name: string) => MarkCommand): MarkCommand {
  const name = raw.toLowerCase();
  if (!LABEL_NAME.test(name) || RESERVED.has(name)) {
    return invalid(
      `“${raw.slice(0, 40)}” is not a valid label name: a Latin letter first, then letters, digits, “-” or “_” (up to 32)`,
    );
  }
  return build(name);
}

function invalid(reason: string): MarkCommand {
  return { kind: "invalid", reason };
}

export const MARK_HELP_GENERAL = [
  "/mark — all labels · /mark NAME — a label and its topics",
  "/mark new NAME — create (a Latin letter first; letters, digits, - and _)",
  "/mark NAME after L1,L2 — adding NAME takes L1, L2 off (funnel stages) · after CLEAR",
  "/mark NAME sends REPLY — adding NAME sends quick reply REPLY to the client · sends CLEAR",
  "/mark NAME ticker TEXT — shown in the topic name · ticker CLEAR",
  "/mark NAME name NEWNAME — rename · /mark del NAME — delete",
].join("\n");

export const MARK_HELP_TOPIC = [
  "/mark — labels of this dialog · /mark NAME — add · /mark del NAME — remove",
  "Labels are created in the General topic (/mark help there).",
].join("\n");
