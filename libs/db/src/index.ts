export { createDatabase, type DatabaseOptions } from "./create-database.ts";
export type * from "./database-schema.ts";
export { parseInt8 } from "./int8-type-parser.ts";
export { MigrationError, migrateToLatest } from "./migrate-to-latest.ts";
export { AlbumRepository } from "./repositories/album-repository.ts";
export {
  type BotConnectionInput,
  ConnectionRepository,
  type NewConnection,
} from "./repositories/connection-repository.ts";
export { DialogEventRepository } from "./repositories/dialog-event-repository.ts";
export { DialogRepository } from "./repositories/dialog-repository.ts";
export { EventLedger, type OutboxRow } from "./repositories/event-ledger.ts";
export { type ClientMessageRef, MessageLinkRepository } from "./repositories/message-link-repository.ts";
export { OperatorRepository } from "./repositories/operator-repository.ts";
export { ParameterRepository } from "./repositories/parameter-repository.ts";
export { createRepositories, type Repositories } from "./repositories/repositories.ts";
export { DialogAlreadyExistsError, InvalidConnectionIdError } from "./repository-errors.ts";
export { type PrunedCounts, pruneExpired, RETENTION_DAYS } from "./retention/prune-expired.ts";
export { createSecretBox, type SecretBox, SecretDecryptionError } from "./secret-box.ts";
export {
  createScratchDatabase,
  createTestDatabase,
  DEFAULT_TEST_DATABASE_URL,
  type ScratchDatabase,
  type TestDatabase,
} from "./testing.ts";
