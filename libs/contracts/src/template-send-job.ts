import Type from "typebox";

/**
 * A quick reply (`/say NAME`) sent to a client: its source messages in the backend group are copied
 * (or forwarded, `/say NAME fwd`) into the dialog's topic, so the team sees what went out, and to
 * the client; the two copies are linked like an operator's message. The quick reply is a reference
 * (chat and message ids), so the job carries ids only.
 *
 * The fields shared by every delivery job are spread in by `delivery-job.ts`, which also puts
 * `SendTemplateJob` into the `DeliveryJob` union.
 */
export const templateSendFields = {
  type: Type.Literal("template.send"),
  dialogId: Type.Number(),
  fromChatId: Type.Number(),
  /** One message, or the parts of one album in order. */
  messageIds: Type.Array(Type.Number(), { minItems: 1, maxItems: 10 }),
  mode: Type.Union([Type.Literal("copy"), Type.Literal("forward")]),
  operatorId: Type.Optional(Type.Number()),
};
