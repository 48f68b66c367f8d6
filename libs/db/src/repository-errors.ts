import pg from "pg";

/** A connection id that would be unsafe in subjects and queue names (see CONNECTION_ID_PATTERN). */
export class InvalidConnectionIdError extends Error {
  override readonly name = "InvalidConnectionIdError";
  readonly connectionId: string;

  constructor(connectionId: string) {
    super(`invalid connection id "${connectionId}": lower-case letters, digits and dashes, at most 40`);
    this.connectionId = connectionId;
  }
}

/**
 * A dialog already exists for this client chat. Two router instances racing for a brand-new client
 * get this; the loser should load the existing dialog and carry on.
 */
export class DialogAlreadyExistsError extends Error {
  override readonly name = "DialogAlreadyExistsError";
  readonly connectionId: string;
  readonly clientChatId: number;

  constructor(connectionId: string, clientChatId: number, cause: unknown) {
    super(`a dialog already exists for chat ${clientChatId} on connection ${connectionId}`, { cause });
    this.connectionId = connectionId;
    this.clientChatId = clientChatId;
  }
}

/** Postgres reports a broken unique constraint as 23505 along with the constraint's name. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  return error instanceof pg.DatabaseError && error.code === "23505" && error.constraint === constraint;
}
