import { forumIconColors, parseParameter, resolveParameters } from "../src/index.ts";

const expects =
  "ICON_COLOR expects blue, yellow, violet, green, rose or red, or Telegram's number for one of them (e.g. 7322096 or 0x6FB9F0)";

describe("the ICON_COLOR parameter", () => {
  it("defaults to blue (7322096)", () => {
    expect(resolveParameters({}).values.ICON_COLOR).toBe(7322096);
  });

  it("knows exactly Telegram's six forum topic colours", () => {
    expect(Object.values(forumIconColors)).toEqual([
      7322096, 16766590, 13338331, 9367192, 16749490, 16478047,
    ]);
  });

  it.each([
    ["blue", 7322096, "0x6FB9F0"],
    ["yellow", 16766590, "0xFFD67E"],
    ["violet", 13338331, "0xCB86DB"],
    ["green", 9367192, "0x8EEE98"],
    ["rose", 16749490, "0xFF93B2"],
    ["red", 16478047, "0xFB6F5F"],
  ])("reads %s by name, decimal value and hex value", (name, value, hex) => {
    for (const raw of [name, name.toUpperCase(), String(value), hex, hex.toLowerCase(), `#${hex.slice(2)}`]) {
      expect(parseParameter("ICON_COLOR", raw)).toEqual({ ok: true, value });
    }
  });

  it.each([
    ["purple", 'got "purple"'],
    ["", "got an empty value"],
    ["0xGGGGGG", 'got "0xGGGGGG"'],
    ["123456", 'got "123456", which is not one of Telegram\'s six topic colours'],
    ["0x000000", 'got "0x000000", which is not one of Telegram\'s six topic colours'],
  ])("rejects %j", (raw, got) => {
    expect(parseParameter("ICON_COLOR", raw)).toEqual({ ok: false, error: `${expects}; ${got}` });
  });

  it("does not read inherited object properties as colour names", () => {
    expect(parseParameter("ICON_COLOR", "toString").ok).toBe(false);
  });
});
