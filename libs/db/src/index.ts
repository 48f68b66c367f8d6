export { createDatabase, type DatabaseOptions } from "./create-database.ts";
export type * from "./database-schema.ts";
export { parseInt8 } from "./int8-type-parser.ts";
export { MigrationError, migrateToLatest } from "./migrate-to-latest.ts";
export { AlbumRepository } from "./repositories/album-repository.ts";
export {
  API_SCOPES,
  ApiKeyRepository,
  hashApiKey,
  type IssuedApiKey,
  type NewApiKey,
  scopeAllows,
} from "./repositories/api-key-repository.ts";
export { type ApiPostOutcome, ApiPostRepository } from "./repositories/api-post-repository.ts";
export { ApiTopicRepository, type NewApiTopic } from "./repositories/api-topic-repository.ts";
export {
  type AudienceQuery,
  BroadcastRepository,
  type BroadcastTarget,
} from "./repositories/broadcast-repository.ts";
export {
  type BotConnectionInput,
  ConnectionRepository,
  type NewConnection,
} from "./repositories/connection-repository.ts";
export { DialogEventRepository } from "./repositories/dialog-event-repository.ts";
export { DialogRepository, type RowLock } from "./repositories/dialog-repository.ts";
export { EventLedger, type OutboxRow } from "./repositories/event-ledger.ts";
export { type LabelPatch, LabelRepository } from "./repositories/label-repository.ts";
export { type ClientMessageRef, MessageLinkRepository } from "./repositories/message-link-repository.ts";
export {
  MtprotoSessionRepository,
  type SessionEntry,
  type SessionEntryChange,
} from "./repositories/mtproto-session-repository.ts";
export { OperatorRepository } from "./repositories/operator-repository.ts";
export { ParameterRepository } from "./repositories/parameter-repository.ts";
export { RelayRepository, type RelayTarget } from "./repositories/relay-repository.ts";
export { createRepositories, type Repositories } from "./repositories/repositories.ts";
export { TemplateRepository } from "./repositories/template-repository.ts";
export {
  type DeadLetterFilter,
  type NewWebhookDeadLetter,
  WebhookDeadLetterRepository,
} from "./repositories/webhook-dead-letter-repository.ts";
export {
  type NewWebhookEndpoint,
  WebhookEndpointExistsError,
  WebhookEndpointRepository,
  type WebhookEndpointView,
} from "./repositories/webhook-endpoint-repository.ts";
export { WebhookKeyRepository, type WebhookKeys } from "./repositories/webhook-key-repository.ts";
export { WebhookReceiverRepository } from "./repositories/webhook-receiver-repository.ts";
export { WebhookRegistrationRepository } from "./repositories/webhook-registration-repository.ts";
export { DialogAlreadyExistsError, InvalidConnectionIdError } from "./repository-errors.ts";
export { type PrunedCounts, pruneExpired, RETENTION_DAYS } from "./retention/prune-expired.ts";
export type * from "./schema/accounts-tables.ts";
export type * from "./schema/api-tables.ts";
export type * from "./schema/broadcast-tables.ts";
export type * from "./schema/modules-tables.ts";
export type * from "./schema/mtproto-sent-tables.ts";
export type * from "./schema/relay-tables.ts";
export type * from "./schema/webhook-registration-tables.ts";
export type * from "./schema/webhook-tables.ts";
export { createSecretBox, type SecretBox, SecretDecryptionError } from "./secret-box.ts";
export {
  createScratchDatabase,
  createTestDatabase,
  DEFAULT_TEST_DATABASE_URL,
  type ScratchDatabase,
  type TestDatabase,
} from "./testing.ts";
