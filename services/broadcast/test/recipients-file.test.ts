import { MAX_FILE_IDS, parseRecipientsFile } from "../src/audience/recipients-file.ts";
import { describeAudience, parseSendCommand } from "../src/commands/send-command.ts";

const file = (text: string) => parseRecipientsFile(new TextEncoder().encode(text));

describe("a file of user ids for /send file", () => {
  test.each([
    ["one id a line", "1001\n1002\n1003\n", [1001, 1002, 1003]],
    ["Windows line ends, a BOM, blank lines and spaces", "\uFEFF1001\r\n\r\n 1002 \r\n", [1001, 1002]],
    ["ids in the first column of a CSV", "1001,Jane\n1002,Omar\n", [1001, 1002]],
    ["semicolons and tabs as spreadsheet apps write them", "1001;Jane\n1002\tOmar\n", [1001, 1002]],
    ["a header row naming the id column", "name,user_id\nJane,1001\nOmar,1002\n", [1001, 1002]],
    ["a broadcast report fed back", "recipient,connection,status\n1001,main,failed\n", [1001]],
    ["repeated ids once", "1001\n1001\n1002\n", [1001, 1002]],
  ])("reads %s", (_what, text, ids) => {
    expect(file(text)).toEqual({ ok: true, ids });
  });

  test("names the bad lines, a few of them, and takes nothing from the file", () => {
    const result = file("1001\nJane\n1002\n-5\n0\n1.5\n@omar\n");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain("line 2: “Jane” is not a user id");
    expect(result.error).toContain("line 4: “-5” is not a user id");
    expect(result.error).toContain("line 5: “0”");
    expect(result.error).toContain("and 2 more bad lines");
  });

  test.each([
    ["an empty file", ""],
    ["blank lines only", "\n \n\n"],
    ["a header and nothing under it", "user_id\n"],
  ])("refuses %s as having no ids", (_what, text) => {
    expect(file(text)).toEqual({ ok: false, error: expect.stringContaining("no user ids") });
  });

  test("refuses more ids than a broadcast takes", () => {
    const ids = Array.from({ length: MAX_FILE_IDS + 1 }, (_, index) => 1_000_000 + index);
    expect(file(ids.join("\n"))).toEqual({
      ok: false,
      error: expect.stringContaining(
        `${MAX_FILE_IDS + 1} user ids; a broadcast takes at most ${MAX_FILE_IDS}`,
      ),
    });
  });

  test("refuses what is not CSV at all, with where it broke", () => {
    expect(file('1001\n"1002\n1003\n')).toEqual({
      ok: false,
      error: expect.stringContaining("not a readable list of ids"),
    });
  });
});

describe("/send file as a command", () => {
  test("parses with a schedule, refuses segment filters, and shows as a file in the preview", () => {
    const parsed = parseSendCommand("file at 2030-05-01T09:00Z");
    expect(parsed).toEqual({
      ok: true,
      command: { verb: "create", audience: { kind: "file" }, filters: {}, at: new Date("2030-05-01T09:00Z") },
    });
    expect(parseSendCommand("file inactive:30d")).toEqual({
      ok: false,
      error: expect.stringContaining("Filters apply to all and label"),
    });
    expect(describeAudience({ kind: "list", ids: [1, 2, 3], fromFile: true }, {})).toBe("file of 3");
  });
});
