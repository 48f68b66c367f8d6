import type { DbExecutor } from "../database-schema.ts";
import { AlbumRepository } from "./album-repository.ts";
import { ConnectionRepository } from "./connection-repository.ts";
import { DialogEventRepository } from "./dialog-event-repository.ts";
import { DialogRepository } from "./dialog-repository.ts";
import { EventLedger } from "./event-ledger.ts";
import { LabelRepository } from "./label-repository.ts";
import { MessageLinkRepository } from "./message-link-repository.ts";
import { OperatorRepository } from "./operator-repository.ts";
import { ParameterRepository } from "./parameter-repository.ts";
import { TemplateRepository } from "./template-repository.ts";

export interface Repositories {
  connectionRepository: ConnectionRepository;
  dialogRepository: DialogRepository;
  messageLinkRepository: MessageLinkRepository;
  operatorRepository: OperatorRepository;
  parameterRepository: ParameterRepository;
  eventLedger: EventLedger;
  albumRepository: AlbumRepository;
  dialogEventRepository: DialogEventRepository;
  templateRepository: TemplateRepository;
  labelRepository: LabelRepository;
}

/**
 * All repositories over one executor. Repositories are cheap, so inside a transaction build a
 * fresh set over it: `db.transaction().execute((trx) => work(createRepositories(trx)))`.
 */
export function createRepositories(db: DbExecutor): Repositories {
  return {
    connectionRepository: new ConnectionRepository(db),
    dialogRepository: new DialogRepository(db),
    messageLinkRepository: new MessageLinkRepository(db),
    operatorRepository: new OperatorRepository(db),
    parameterRepository: new ParameterRepository(db),
    eventLedger: new EventLedger(db),
    albumRepository: new AlbumRepository(db),
    dialogEventRepository: new DialogEventRepository(db),
    templateRepository: new TemplateRepository(db),
    labelRepository: new LabelRepository(db),
  };
}
