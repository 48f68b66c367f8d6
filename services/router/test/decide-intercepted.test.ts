import { albumJobId, DialogStatus } from "@topicdesk/contracts";
import { decide } from "../src/decide/decide.ts";
import { CLIENT, clientMessage, contextFor, dialog, operatorMessage } from "./context-factory.ts";

/** What the account (or the other system of a parallel bot) sent to the client from elsewhere. */
const sentElsewhere = (fields: Parameters<typeof clientMessage>[0] = {}) =>
  clientMessage({ outgoing: true, text: "sent from the phone", ...fields });

describe("a message the connection sent to a client outside Topicdesk", () => {
  test("is copied into the dialog's topic as intercepted, never to the client, and changes no status", () => {
    const event = sentElsewhere();
    const decision = decide(contextFor(event, { dialog: dialog(DialogStatus.UserAnswered) }));
    expect(decision.jobs).toEqual([
      {
        type: "copy.to-topic",
        lane: "group",
        fromChatId: CLIENT.id,
        messageIds: [event.message?.messageId],
        intercepted: true,
      },
    ]);
    expect(decision.domainEvents).toEqual([
      { kind: "message.intercepted", messageIds: [event.message?.messageId] },
    ]);
    expect(decision.patchDialog).toBeUndefined();
    expect(decision.dialogEvents).toEqual([]);
  });

  test("with INTERCEPT_EXTERNAL off it is not shown", () => {
    const decision = decide(
      contextFor(sentElsewhere(), {
        dialog: dialog(DialogStatus.UserAnswered),
        params: { INTERCEPT_EXTERNAL: "FALSE" },
      }),
    );
    expect(decision.jobs).toEqual([]);
    expect(decision.ignored).toBe("INTERCEPT_EXTERNAL is off");
  });

  test("our own copy seen again (a message link names it) is not intercepted", () => {
    const decision = decide(
      contextFor(sentElsewhere(), {
        dialog: dialog(DialogStatus.SupportAnswered),
        extra: { ownOutgoing: true },
      }),
    );
    expect(decision.jobs).toEqual([]);
    expect(decision.domainEvents).toEqual([]);
  });

  test("opens no dialog: the other system's greeting to a stranger gets no topic", () => {
    const decision = decide(contextFor(sentElsewhere()));
    expect(decision.createDialog).toBeUndefined();
    expect(decision.jobs).toEqual([]);
  });

  test("an intercepted album is copied once, as one album", () => {
    const decision = decide(
      contextFor(sentElsewhere({ mediaGroupId: "77", content: "photo" }), {
        dialog: dialog(DialogStatus.Closed),
      }),
    );
    expect(decision.jobs[0]).toMatchObject({
      mediaGroupId: "77",
      fixedId: albumJobId("main", CLIENT.id, "77"),
    });
    expect(decision.albumPart).toMatchObject({ chatId: CLIENT.id, mediaGroupId: "77" });
  });

  test("an outgoing message in the backend group (our own copy or notice) is never relayed to a client", () => {
    const decision = decide(
      contextFor(operatorMessage({ outgoing: true }), { dialog: dialog(DialogStatus.UserAnswered) }),
    );
    expect(decision.jobs).toEqual([]);
  });

  test("an edit of the connection's own message is not mirrored", () => {
    const decision = decide(
      contextFor(clientMessage({ outgoing: true, text: "fixed" }, "edit"), {
        dialog: dialog(DialogStatus.UserAnswered),
      }),
    );
    expect(decision.jobs).toEqual([]);
  });
});
