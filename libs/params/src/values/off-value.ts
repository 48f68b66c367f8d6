/** `OFF` (any case) turns a parameter off or clears a list. */
export function isOff(raw: string): boolean {
  return raw.trim().toUpperCase() === "OFF";
}

/**
 * For lists and filters `NONE` is accepted as well: the reference documentation writes the
 * defaults of these parameters as "NONE", so people moving over type it. It can never be a valid
 * list (words are quoted, ids are numbers), so it is not ambiguous.
 */
export function isOffOrNone(raw: string): boolean {
  return isOff(raw) || raw.trim().toUpperCase() === "NONE";
}
