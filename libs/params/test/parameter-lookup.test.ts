import { findParameter, parseParameter } from "../src/index.ts";

describe("finding a parameter by name", () => {
  it.each([
    ["AUTOCLOSE", "AUTOCLOSE"],
    ["autoclose", "AUTOCLOSE"],
    ["AUTO_CLOSE", "AUTOCLOSE"],
    ["auto_close", "AUTOCLOSE"],
    ["@AUTO_CLOSE@", "AUTOCLOSE"],
    ["@WELCOME@", "WELCOME"],
    ["@welcome@", "WELCOME"],
    ["  Hide_Info ", "HIDE_INFO"],
  ])("finds %j as %s", (name, found) => {
    expect(findParameter(name)?.name).toBe(found);
  });

  it.each(["", "WEBHOOK", "AUTO", "@AUTOCLOSE", "AUTOCLOSE@", "@@"])("finds nothing for %j", (name) => {
    expect(findParameter(name)).toBeUndefined();
  });

  it("reports an unknown name when parsing, listing the known ones", () => {
    const result = parseParameter("AUTOCLOSED", "48");
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatch(
        /^Unknown parameter "AUTOCLOSED"; the parameters are WELCOME, AUTOCLOSE, /,
      );
  });
});
