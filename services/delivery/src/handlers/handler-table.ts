import { copyToClient, copyToTopic } from "./copy-handlers.ts";
import type { HandlerTable } from "./delivery-context.ts";
import { sendFile } from "./file-handler.ts";
import { mirrorEdit, mirrorReaction } from "./mirror-handlers.ts";
import { sendTemplate } from "./template-handler.ts";
import { sendText } from "./text-handler.ts";
import { createTopic, renameTopic, setTopicOpen } from "./topic-handlers.ts";

/** One handler per job type; the type system makes sure none is missing. */
export const handlers: HandlerTable = {
  "topic.create": createTopic,
  "topic.rename": renameTopic,
  "topic.set-open": setTopicOpen,
  "copy.to-topic": copyToTopic,
  "copy.to-client": copyToClient,
  "text.send": sendText,
  "edit.mirror": mirrorEdit,
  "reaction.mirror": mirrorReaction,
  "file.send": sendFile,
  "template.send": sendTemplate,
};
