import { InputFile } from "grammy";
import { apiError, BOT_TOKEN, startWorld, type World } from "./support.ts";

/** getFile and `/file/bot<token>/<file_path>`, the way a bot downloads what people send it. */
describe("file downloads", () => {
  let w: World;
  beforeEach(async () => {
    w = await startWorld();
  });
  afterEach(async () => {
    await w.sim.close();
  });

  const download = (path: string, token = BOT_TOKEN) => fetch(`${w.sim.apiRoot}/file/bot${token}/${path}`);

  test("a document a person sends with content is described by getFile and downloads byte for byte", async () => {
    const sent = w.sim.sendAsUser(
      w.operator.id,
      { chatId: w.groupId },
      { document: { fileName: "ids.csv", content: "1001\n1002\n" }, caption: "/send file" },
    );
    expect(sent.document).toMatchObject({ file_name: "ids.csv", mime_type: "text/csv", file_size: 10 });
    const file = await w.api.getFile(sent.document?.file_id ?? "");
    expect(file).toMatchObject({ file_id: sent.document?.file_id, file_size: 10 });
    expect(file.file_path).toMatch(/^documents\/file_\d+\.csv$/);
    expect((await w.api.getFile(sent.document?.file_id ?? "")).file_path).toBe(file.file_path);

    const response = await download(file.file_path ?? "");
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("1001\n1002\n");
  });

  test("a file a bot uploaded downloads too", async () => {
    const bytes = new TextEncoder().encode("report");
    const sent = await w.api.sendDocument(w.groupId, new InputFile(bytes, "report.txt"));
    const file = await w.api.getFile(sent.document?.file_id ?? "");
    expect(await (await download(file.file_path ?? "")).text()).toBe("report");
  });

  test("an unknown file_id is refused, and downloads need the bot's token and a path getFile gave", async () => {
    expect((await apiError(w.api.getFile("no-such-file"))).description).toBe("Bad Request: invalid file_id");
    const sent = w.sim.sendAsUser(w.client.id, { botId: w.bot.id }, { document: { content: "secret" } });
    const file = await w.api.getFile(sent.document?.file_id ?? "");
    expect((await download(file.file_path ?? "", "1:wrong-token")).status).toBe(401);
    expect((await download("documents/file_999.txt")).status).toBe(404);
  });

  test("files people send without content are described but have nothing to download", async () => {
    const sent = w.sim.sendAsUser(w.client.id, { botId: w.bot.id }, { photo: true });
    const largest = sent.photo?.at(-1);
    const file = await w.api.getFile(largest?.file_id ?? "");
    expect(file).toMatchObject({ file_id: largest?.file_id, file_size: largest?.file_size });
    expect(file.file_path).toMatch(/^photos\/file_\d+\.jpg$/);
    expect((await download(file.file_path ?? "")).status).toBe(404);
  });
});
