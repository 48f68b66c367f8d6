import { type ParameterName, parseParameter, resolveParameters } from "../src/index.ts";

const booleans: [ParameterName, boolean][] = [
  ["AUTO_INFO", false],
  ["SILENT_MODE", false],
  ["REPLY_ONLY", false],
  ["MONITOR_PRIVATE", true],
  ["MONITOR_GROUPS", false],
  ["MONITOR_CHANNELS", false],
  ["INTERCEPT_EXTERNAL", true],
];

describe.each(booleans)("the %s switch", (name, byDefault) => {
  it(`is ${byDefault ? "on" : "off"} by default`, () => {
    expect(resolveParameters({}).values[name]).toBe(byDefault);
  });

  it.each(["TRUE", "true", "On", "yes", "1", " YES "])("reads %j as on", (raw) => {
    expect(parseParameter(name, raw)).toEqual({ ok: true, value: true });
  });

  it.each(["FALSE", "false", "off", "No", "0"])("reads %j as off", (raw) => {
    expect(parseParameter(name, raw)).toEqual({ ok: true, value: false });
  });

  it.each([
    ["maybe", 'got "maybe"'],
    ["2", 'got "2"'],
    ["", "got an empty value"],
  ])("rejects %j, saying what it accepts", (raw, got) => {
    expect(parseParameter(name, raw)).toEqual({
      ok: false,
      error: `${name} expects TRUE or FALSE (also ON/OFF, YES/NO, 1/0); ${got}`,
    });
  });
});
