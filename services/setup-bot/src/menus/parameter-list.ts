import { parameterDefinitions } from "@topicdesk/params";
import { InlineKeyboard } from "grammy";
import { connectionData } from "./callback-data.ts";

/** Every parameter as a button, two a row, in the reference documentation's order. */
export function parameterList(
  connectionId: string,
  stored: Readonly<Record<string, string>>,
): { text: string; keyboard: InlineKeyboard } {
  const keyboard = new InlineKeyboard();
  parameterDefinitions.forEach((definition, index) => {
    const mark = stored[definition.name] === undefined ? "" : " ✎";
    keyboard.text(`${definition.name}${mark}`, connectionData(connectionId, "param", index));
    if (index % 2 === 1) keyboard.row();
  });
  keyboard.row().text("« Connection", connectionData(connectionId, "card"));
  const text = `Parameters of “${connectionId}”. Pick one to see its help and change it (✎ = set by you).`;
  return { text, keyboard };
}
