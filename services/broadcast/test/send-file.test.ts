import { type BroadcastWorld, startBroadcastWorld } from "./broadcast-fixture.ts";

/**
 * `/send file`: the recipients come from a .txt/.csv of user ids the command is the caption of.
 * The service downloads it from Telegram (getFile, then the file URL) like any bot would.
 */
let world: BroadcastWorld;

beforeAll(async () => {
  world = await startBroadcastWorld(6);
}, 60_000);
afterAll(async () => {
  await world?.close();
});

/** An operator's document in General, replying to the prepared message; returns its file_id. */
function idsDocument(content: string, fileName = "ids.csv"): string {
  const sent = world.sim.sendAsUser(
    world.operator.id,
    { chatId: world.groupId },
    { document: { fileName, content }, caption: "/send file", replyToMessageId: world.preparedMessageId },
  );
  return sent.document?.file_id ?? "";
}

const broadcastCount = async () =>
  (await world.database.db.selectFrom("broadcasts").select("id").execute()).length;

test("the ids in the attached file get the prepared message, and nobody else", async () => {
  const [first, second, , fourth] = world.clients;
  const chosen = [first, second, fourth].map((client) => client?.id ?? 0);
  const before = world.clients.map((client) => world.received(client));
  const command = await world.send("file", {
    documentFileId: idsDocument(`user_id,name\n${chosen.join(",x\n")},x\n${chosen[0]},again\n`),
  });
  expect(await world.answerTo(command)).toMatch(/→ 3 recipients \(file of 3\)/);
  const draft = await world.database.db
    .selectFrom("broadcasts")
    .selectAll()
    .where("command_event_id", "=", command)
    .executeTakeFirstOrThrow();
  const recipients = await world.database.db
    .selectFrom("broadcast_recipients")
    .select("chat_id")
    .where("broadcast_id", "=", draft.id)
    .orderBy("chat_id")
    .execute();
  expect(recipients.map((row) => row.chat_id)).toEqual([...chosen].sort((a, b) => a - b));

  await world.send(`confirm ${draft.id}`);
  await world.waitFor(async () => (await world.broadcast(draft.id)).status === "done", "the broadcast done");
  const gained = world.clients.map((client, index) => world.received(client) - (before[index] ?? 0));
  expect(gained).toEqual(world.clients.map((client) => (chosen.includes(client.id) ? 1 : 0)));
});

test.each([
  ["a line that is not an id", "1001\nJane Doe\n", /line 2: “Jane Doe” is not a user id/],
  ["no ids at all", "", /no user ids/],
  ["broken CSV quoting", '1001\n"1002\n', /not a readable list of ids/],
])("a file with %s is answered clearly and prepares nothing", async (_what, content, expected) => {
  const before = await broadcastCount();
  const command = await world.send("file", { documentFileId: idsDocument(content) });
  expect(await world.answerTo(command)).toMatch(expected);
  expect(await broadcastCount()).toBe(before);
});

test("a document Telegram will not hand out is answered clearly and prepares nothing", async () => {
  const before = await broadcastCount();
  const command = await world.send("file", { documentFileId: "no-such-file" });
  expect(await world.answerTo(command)).toMatch(/Telegram would not give the file/);
  expect(await broadcastCount()).toBe(before);
});

test("/send file without a document says how to attach one", async () => {
  const command = await world.send("file");
  expect(await world.answerTo(command)).toMatch(/caption \/send file, as a reply to the prepared message/);
});
