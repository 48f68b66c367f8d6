import { parseParameter, resolveParameters } from "../src/index.ts";

const ignoreExpects =
  "IGNORE_CHATS expects chat ids separated by commas (e.g. 777000, -1001234567890), or OFF for none";
const whiteListExpects =
  "WHITE_LIST expects chat ids separated by commas (e.g. 123456789, -1001234567890), or OFF to accept every chat";

describe("the IGNORE_CHATS parameter", () => {
  it("ignores Telegram's service notifications (777000) by default", () => {
    expect(resolveParameters({}).values.IGNORE_CHATS).toEqual([777000]);
  });

  it.each([
    ["777000, -1001234567890", [777000, -1001234567890]],
    ['"777000", "42"', [777000, 42]],
    ["1 2\n3", [1, 2, 3]],
    ["1,2 , 3", [1, 2, 3]],
    ["5, 5, 6", [5, 6]],
  ])("reads %j as %j", (raw, ids) => {
    expect(parseParameter("IGNORE_CHATS", raw)).toEqual({ ok: true, value: ids });
  });

  it.each(["OFF", "none"])("is cleared by %j", (raw) => {
    expect(parseParameter("IGNORE_CHATS", raw)).toEqual({ ok: true, value: [] });
  });

  it.each([
    ["777000, @spammer", '"@spammer" (position 9) is not a chat id'],
    ["0", '"0" (position 1) is not a chat id'],
    ["1.5", '"1.5" (position 1) is not a chat id'],
    ["12345678901234567890", '"12345678901234567890" (position 1) is not a chat id'],
    ["1,,2", "nothing comes before the comma at position 3"],
    [",1", "nothing comes before the comma at position 1"],
    ["1,", "nothing follows the comma at position 2"],
    ['"1", ""', "the item at position 6 is empty"],
    ["[1]", '"[" at position 1 is not allowed here (brackets group keywords only)'],
    ['"1', "the quote at position 1 is never closed"],
    ["", "got an empty list"],
  ])("rejects %j: %s", (raw, problem) => {
    expect(parseParameter("IGNORE_CHATS", raw)).toEqual({ ok: false, error: `${ignoreExpects}; ${problem}` });
  });
});

describe("the WHITE_LIST parameter", () => {
  it("is off by default, as null rather than an empty list, so nobody is locked out", () => {
    expect(resolveParameters({}).values.WHITE_LIST).toBeNull();
  });

  it("is turned off by OFF", () => {
    expect(parseParameter("WHITE_LIST", "off")).toEqual({ ok: true, value: null });
  });

  it("reads a list of user and chat ids", () => {
    expect(parseParameter("WHITE_LIST", "123456789, -1001234567890")).toEqual({
      ok: true,
      value: [123456789, -1001234567890],
    });
  });

  it("rejects something that is not an id", () => {
    expect(parseParameter("WHITE_LIST", "abc")).toEqual({
      ok: false,
      error: `${whiteListExpects}; "abc" (position 1) is not a chat id`,
    });
  });
});

describe("the EXTENSIONS_ALLOWED parameter", () => {
  const expects =
    'EXTENSIONS_ALLOWED expects user ids separated by commas (e.g. 123456789, 987654321), "." for everyone in the group, or OFF for the administrator only';

  it("allows only the administrator by default (an empty list of extra users)", () => {
    expect(resolveParameters({}).values.EXTENSIONS_ALLOWED).toEqual({ kind: "listed", userIds: [] });
  });

  it('reads "." as everyone in the group, as in the reference product', () => {
    expect(parseParameter("EXTENSIONS_ALLOWED", " . ")).toEqual({ ok: true, value: { kind: "everyone" } });
  });

  it("reads OFF as the administrator only", () => {
    expect(parseParameter("EXTENSIONS_ALLOWED", "OFF")).toEqual({
      ok: true,
      value: { kind: "listed", userIds: [] },
    });
  });

  it("reads user ids", () => {
    expect(parseParameter("EXTENSIONS_ALLOWED", '123, "456"')).toEqual({
      ok: true,
      value: { kind: "listed", userIds: [123, 456] },
    });
  });

  it("rejects a group id, which cannot be a user", () => {
    expect(parseParameter("EXTENSIONS_ALLOWED", "123, -100456")).toEqual({
      ok: false,
      error: `${expects}; "-100456" (position 6) is not a user id`,
    });
  });
});
