import { badRequest } from "./errors.ts";
import { UploadedFile } from "./uploaded-file.ts";

/**
 * Typed access to the parameters of one Bot API call.
 *
 * Telegram accepts the same parameters as JSON, as a query string or as form fields. In the
 * latter two every value arrives as a string and object parameters (reply_markup, entities,
 * reply_parameters, media, ...) are JSON-serialized strings, so every accessor coerces.
 */
export type RawParams = Record<string, unknown>;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `table[key]` for own keys only, so client input like "constructor" never reaches Object.prototype. */
export function ownValue<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

export class Params {
  readonly raw: RawParams;

  constructor(raw: RawParams) {
    this.raw = raw;
  }

  /** Telegram treats null and "" the same as an absent parameter. */
  has(name: string): boolean {
    const value = this.raw[name];
    return value !== undefined && value !== null && value !== "";
  }

  int(name: string): number | undefined {
    if (!this.has(name)) return undefined;
    return toInt(name, this.raw[name]);
  }

  /** Required integer; Telegram answers "<name> is empty" for a missing one. */
  requireInt(name: string, missing = `${name} is empty`): number {
    const value = this.int(name);
    if (value === undefined) throw badRequest(missing);
    return value;
  }

  /** Float parameter (latitude, longitude, ...). */
  num(name: string): number | undefined {
    if (!this.has(name)) return undefined;
    const value = this.raw[name];
    const parsed = typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
    if (!Number.isFinite(parsed)) throw badRequest(`field "${name}" must be of type Float`);
    return parsed;
  }

  requireNum(name: string): number {
    const value = this.num(name);
    if (value === undefined) throw badRequest(`${name} is empty`);
    return value;
  }

  str(name: string): string | undefined {
    if (!this.has(name)) return undefined;
    const value = this.raw[name];
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    throw badRequest(`field "${name}" must be of type String`);
  }

  bool(name: string): boolean | undefined {
    if (!this.has(name)) return undefined;
    const value = this.raw[name];
    if (typeof value === "boolean") return value;
    if (value === "true" || value === "1" || value === 1) return true;
    if (value === "false" || value === "0" || value === 0) return false;
    throw badRequest(`field "${name}" must be of type Boolean`);
  }

  /** A file parameter of send<Media>: a file_id or URL string, or a file uploaded in a multipart body. */
  file(name: string): string | UploadedFile | undefined {
    const value = this.raw[name];
    return value instanceof UploadedFile ? value : this.str(name);
  }

  /** A JSON-serialized parameter: accepted as a JSON value or as a string holding JSON. */
  json(name: string): unknown {
    if (!this.has(name)) return undefined;
    const value = this.raw[name];
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value);
    } catch {
      throw badRequest(`can't parse ${name} JSON object`);
    }
  }

  /** chat_id: an integer or a string; "@username" strings are resolved by the caller. */
  chatId(name = "chat_id"): number | string {
    if (!this.has(name)) throw badRequest(`${name} is empty`);
    const value = this.raw[name];
    if (typeof value === "number" && Number.isInteger(value)) return value;
    if (typeof value === "string") {
      const trimmed = value.trim();
      return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
    }
    throw badRequest("chat not found");
  }
}

function toInt(name: string, value: unknown): number {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^\s*-?\d+\s*$/.test(value)) return Number(value);
  throw badRequest(`field "${name}" must be of type Integer`);
}

/** Interpret a parsed JSON value as an integer (for arrays like message_ids). */
export function asInt(name: string, value: unknown): number {
  return toInt(name, value);
}
