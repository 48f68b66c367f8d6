import type { Connection, Repositories } from "@topicdesk/db";
import type { Decision } from "../decide/decision.ts";
import type { ModuleWrite } from "../decide/module-writes.ts";

/**
 * Writes a decision's quick-reply and label changes inside the event's transaction, and keeps the
 * stored topic names of other dialogs it renamed (a label's new ticker) current, so delivery can
 * recreate a deleted topic under its right name.
 */
export async function applyModuleWrites(
  decision: Decision,
  connection: Connection,
  repositories: Repositories,
): Promise<void> {
  for (const write of decision.moduleWrites ?? []) await applyWrite(write, connection, repositories);
  for (const job of decision.jobs) {
    if (job.type === "topic.rename" && job.dialogId !== undefined) {
      await repositories.dialogRepository.update(job.dialogId, { topic_name: job.name });
    }
  }
}

async function applyWrite(write: ModuleWrite, connection: Connection, repositories: Repositories) {
  const { templateRepository, labelRepository } = repositories;
  switch (write.kind) {
    case "quick-reply.save":
      return templateRepository.save({
        connection_id: connection.id,
        name: write.name,
        chat_id: write.chatId,
        thread_id: write.threadId,
        message_ids: write.messageIds,
        saved_by: write.savedBy,
      });
    case "quick-reply.delete":
      return void (await templateRepository.delete(connection.id, write.name));
    case "label.create":
      return void (await labelRepository.create(connection.id, write.name, write.createdBy));
    case "label.update":
      return labelRepository.update(connection.id, write.name, write.patch);
    case "label.rename":
      return labelRepository.rename(connection.id, write.name, write.newName);
    case "label.delete":
      return labelRepository.delete(connection.id, write.name);
  }
}
