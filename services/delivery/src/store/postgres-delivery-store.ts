import type { Repositories } from "@topicdesk/db";
import type { DeliveryStore } from "./delivery-store.ts";

/** The delivery store over our Postgres repositories. */
export function createPostgresDeliveryStore(repositories: Repositories): DeliveryStore {
  const { dialogRepository, messageLinkRepository, albumRepository, connectionRepository } = repositories;
  return {
    async dialog(id) {
      const row = await dialogRepository.getById(id);
      if (!row) return undefined;
      return {
        id: row.id,
        connectionId: row.connection_id,
        clientChatId: row.client_chat_id,
        backendChatId: row.backend_chat_id,
        topicId: row.topic_id,
        topicName: row.topic_name,
        iconColor: row.icon_color,
        status: row.status,
      };
    },
    async setTopic(dialogId, topicId) {
      await dialogRepository.setTopic(dialogId, topicId);
    },
    topicMessageFor: (dialogId, clientMessageId) =>
      messageLinkRepository.findTopicMessage(dialogId, clientMessageId),
    async clientMessageFor(backendChatId, topicMessageId) {
      return (await messageLinkRepository.findClientMessage(backendChatId, topicMessageId))?.clientMessageId;
    },
    async recordLinks(links) {
      await messageLinkRepository.recordMany(
        links.map((link) => ({
          dialog_id: link.dialogId,
          direction: link.direction,
          client_chat_id: link.clientChatId,
          client_message_id: link.clientMessageId,
          backend_chat_id: link.backendChatId,
          topic_message_id: link.topicMessageId,
        })),
      );
    },
    albumParts: (connectionId, chatId, mediaGroupId) =>
      albumRepository.parts(connectionId, chatId, mediaGroupId),
    async backendChatOf(connectionId) {
      const connection = await connectionRepository.get(connectionId);
      if (!connection) throw new Error(`connection ${connectionId} not found`);
      return connection.backend_chat_id;
    },
  };
}
