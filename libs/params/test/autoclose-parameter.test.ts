import { parseParameter, resolveParameters } from "../src/index.ts";

const expects = 'AUTOCLOSE expects a whole number of hours (e.g. 48 or 168), or 0 or OFF for "never"';

describe("the AUTOCLOSE parameter", () => {
  it("defaults to 48 hours", () => {
    expect(resolveParameters({}).values.AUTOCLOSE).toBe(48);
  });

  it.each([
    ["1", 1],
    ["168", 168],
    [" 72 ", 72],
    ["1000000", 1000000],
  ])("reads %j as %d hours, with no maximum", (raw, hours) => {
    expect(parseParameter("AUTOCLOSE", raw)).toEqual({ ok: true, value: hours });
  });

  it.each(["0", "OFF", "off", "000"])("reads %j as never (null), so 0 cannot mean 'close at once'", (raw) => {
    expect(parseParameter("AUTOCLOSE", raw)).toEqual({ ok: true, value: null });
  });

  it.each([
    ["abc", 'got "abc"'],
    ["-1", 'got "-1"'],
    ["1.5", 'got "1.5"'],
    ["48h", 'got "48h"'],
    ["", "got an empty value"],
    ["99999999999999999999", 'got "99999999999999999999", which is too large'],
  ])("rejects %j", (raw, got) => {
    expect(parseParameter("AUTOCLOSE", raw)).toEqual({ ok: false, error: `${expects}; ${got}` });
  });

  it("is also reached by its older name AUTO_CLOSE", () => {
    expect(parseParameter("AUTO_CLOSE", "5")).toEqual({ ok: true, value: 5 });
    expect(parseParameter("@AUTO_CLOSE@", "x")).toEqual({ ok: false, error: `${expects}; got "x"` });
  });
});
