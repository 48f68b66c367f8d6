/**
 * `/say` arguments, with the reference's syntax (spec reference §3.2):
 * `/say` lists, `/say NAME` saves (as a reply) or sends, `/say NAME fwd` forwards, `/say del NAME`
 * deletes. Names are case-insensitive.
 */
export type SayCommand =
  | { kind: "list" }
  | { kind: "use"; name: string; forward: boolean }
  | { kind: "delete"; name: string }
  | { kind: "invalid"; reason: string };

const NAME = /^[\p{L}\p{N}_-]{1,32}$/u;
const RESERVED = new Set(["del", "fwd", "help"]);

export function parseSay(args: string): SayCommand {
  const words = args.split(/\s+/).filter((word) => word.length > 0);
  const [first, second, ...rest] = words;
  if (first === undefined || first.toLowerCase() === "help") return { kind: "list" };
  if (rest.length > 0) return { kind: "invalid", reason: "too many words" };
  if (first.toLowerCase() === "del") {
    if (second === undefined)
      return { kind: "invalid", reason: "name the quick reply to delete: /say del NAME" };
    return named(second, (name) => ({ kind: "delete", name }));
  }
  if (second !== undefined && second.toLowerCase() !== "fwd") {
    return { kind: "invalid", reason: `unknown option “${second}” (only “fwd”)` };
  }
  return named(first, (name) => ({ kind: "use", name, forward: second !== undefined }));
}

function named(raw: string, build: (name: string) => SayCommand): SayCommand {
  const name = raw.toLowerCase();
  if (!NAME.test(name) || RESERVED.has(name)) {
    return {
      kind: "invalid",
      reason: `“${raw.slice(0, 40)}” is not a valid name: up to 32 letters, digits, “-” or “_”`,
    };
  }
  return build(name);
}

export const SAY_HELP = [
  "/say NAME as a reply — save that message (an album: from a client's topic, up to a day old)",
  "/say NAME — send it to the client of this topic · /say NAME fwd — forward it",
  "/say del NAME — delete it · /say — this list",
].join("\n");
