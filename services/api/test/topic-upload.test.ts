import { loadBlob } from "@topicdesk/queue";
import { Queue } from "bullmq";
import { type ApiWorld, bearer, startApiWorld, UPLOAD_MAX_BYTES } from "./api-fixtures.ts";

let world: ApiWorld;
let writer: string;
let reader: string;
let foreign: string;

beforeAll(async () => {
  world = await startApiWorld();
  writer = await world.key("alpha", "write");
  reader = await world.key("alpha", "read");
  foreign = await world.key("beta", "admin");
  const created = await world.app.inject({
    method: "PUT",
    url: "/v1/connections/alpha/topics/invoices",
    headers: bearer(writer),
    payload: { name: "Invoices" },
  });
  expect(created.statusCode).toBe(201);
});
afterAll(async () => world.stop());

const URL = "/v1/connections/alpha/topics/invoices/files";

function form(
  fields: Record<string, string>,
  files: Array<{ field?: string; name: string; bytes: Uint8Array; type?: string }>,
) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  for (const file of files) {
    data.append(
      file.field ?? "file",
      new Blob([file.bytes], { type: file.type ?? "application/pdf" }),
      file.name,
    );
  }
  return data;
}

const upload = (payload: FormData | object, key = writer, url = URL) =>
  world.app.inject({ method: "POST", url, headers: bearer(key), payload: payload as FormData });

async function queuedJob(jobId: string) {
  const queue = new Queue(`td-group.${world.groupA}`, { connection: world.redis, prefix: world.queuePrefix });
  try {
    return (await queue.getJob(jobId))?.data;
  } finally {
    await queue.close();
  }
}

const pdf = new TextEncoder().encode("%PDF-1.4 an invoice\n");

test("an upload parks the bytes in the blob store and queues a file.send in the group's lane", async () => {
  const answer = await upload(
    form({ text: "<b>Invoice 42</b>", parseMode: "HTML", wait: "false" }, [
      { name: "invoice-42.pdf", bytes: pdf },
    ]),
  );
  // No delivery runs in this file: the post waits in its lane.
  expect(answer.statusCode).toBe(202);
  const { jobId, status, statusUrl } = answer.json();
  expect(status).toBe("queued");
  const job = await queuedJob(jobId);
  expect(job).toMatchObject({
    type: "file.send",
    target: { kind: "backend" },
    as: "document",
    caption: "<b>Invoice 42</b>",
    parseMode: "HTML",
    reportOutcome: true,
    file: { kind: "blob", fileName: "invoice-42.pdf", contentType: "application/pdf" },
  });
  expect(await loadBlob(world.redis, world.queuePrefix, job.file.key)).toEqual(pdf);
  expect(
    (await world.app.inject({ method: "GET", url: statusUrl, headers: bearer(reader) })).json(),
  ).toMatchObject({
    jobId,
    status: "queued",
  });
});

test("a photo keeps its kind; a file name with a path keeps only its last part", async () => {
  const answer = await upload(
    form({ as: "photo", wait: "false" }, [{ name: "../../etc/chart.png", bytes: pdf, type: "image/png" }]),
  );
  expect(answer.statusCode).toBe(202);
  expect(await queuedJob(answer.json().jobId)).toMatchObject({
    as: "photo",
    file: { fileName: "chart.png", contentType: "image/png" },
  });
});

test("a file over the limit is a 413 that names the limit, and nothing is queued", async () => {
  const queue = new Queue(`td-group.${world.groupA}`, { connection: world.redis, prefix: world.queuePrefix });
  const before = await queue.count();
  const answer = await upload(form({}, [{ name: "big.bin", bytes: new Uint8Array(UPLOAD_MAX_BYTES + 1) }]));
  expect(answer.statusCode).toBe(413);
  expect(answer.json()).toMatchObject({ code: "file_too_large", message: expect.stringContaining("64 KB") });
  expect(await queue.count()).toBe(before);
  await queue.close();
});

test("wrong forms are refused with a clear 400 or 413", async () => {
  const tiny = { name: "a.txt", bytes: pdf };
  const noFile = await upload(form({ text: "caption only" }, []));
  expect(noFile.statusCode).toBe(400);
  expect(noFile.json().message).toContain("file");
  const json = await upload({ text: "not a form" });
  expect(json.statusCode).toBe(400);
  expect((await upload(form({}, [{ ...tiny, field: "attachment" }]))).json().message).toContain('"file"');
  expect((await upload(form({}, [{ ...tiny, bytes: new Uint8Array(0) }]))).json().message).toContain("empty");
  const badKind = await upload(form({ as: "video" }, [tiny]));
  expect(badKind.statusCode).toBe(400);
  expect(badKind.json().message).toContain("as");
  const twoFiles = await upload(form({}, [tiny, tiny]));
  expect(twoFiles.statusCode).toBe(413);
  expect(twoFiles.json().message).toContain("one file");
});

test("scopes and connections: read-only 403, another connection's key 404, unknown topic 404", async () => {
  const file = [{ name: "a.pdf", bytes: pdf }];
  expect((await upload(form({}, file), reader)).statusCode).toBe(403);
  expect((await upload(form({}, file), foreign)).statusCode).toBe(404);
  const missing = await upload(form({}, file), writer, "/v1/connections/alpha/topics/nope/files");
  expect(missing.statusCode).toBe(404);
  expect(missing.json().message).toContain("PUT");
  expect((await world.app.inject({ method: "POST", url: URL, payload: form({}, file) })).statusCode).toBe(
    401,
  );
});

test("the OpenAPI document describes the upload as multipart/form-data with a binary file", async () => {
  const document = (await world.app.inject({ method: "GET", url: "/docs/json" })).json();
  const operation = document.paths["/v1/connections/{connectionId}/topics/{key}/files"].post;
  const schema = operation.requestBody.content["multipart/form-data"].schema;
  expect(schema.properties.file).toMatchObject({ type: "string", format: "binary" });
  expect(schema.required).toEqual(["file"]);
  expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(["200", "202", "413"]));
});

test("a multipart body without a boundary or cut short is a 400, not a failure on our side", async () => {
  const headers = { ...bearer(writer), "content-type": "multipart/form-data" };
  const noBoundary = await world.app.inject({ method: "POST", url: URL, headers, payload: "garbage" });
  expect(noBoundary.statusCode).toBe(400);
  expect(noBoundary.json().message).toContain("malformed");
  const cut = await world.app.inject({
    method: "POST",
    url: URL,
    headers: { ...bearer(writer), "content-type": "multipart/form-data; boundary=xyz" },
    payload: '--xyz\r\ncontent-disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF',
  });
  expect(cut.statusCode).toBe(400);
});
