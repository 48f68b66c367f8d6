import { parseParameter, resolveParameters } from "../src/index.ts";

describe("the HIDE_INFO parameter", () => {
  const expects =
    'HIDE_INFO expects any of "name", "title", "link", "command" separated by commas, or OFF for none';

  it("hides nothing by default", () => {
    expect(resolveParameters({}).values.HIDE_INFO).toEqual([]);
  });

  it.each([
    ['"name", "title", "link", "command"', ["name", "title", "link", "command"]],
    ['"command"', ["command"]],
    ["name, LINK", ["name", "link"]],
    ['"name" "name"', ["name"]],
  ])("reads %j", (raw, options) => {
    expect(parseParameter("HIDE_INFO", raw)).toEqual({ ok: true, value: options });
  });

  it.each(["OFF", "NONE"])("is cleared by %s", (raw) => {
    expect(parseParameter("HIDE_INFO", raw)).toEqual({ ok: true, value: [] });
  });

  it("rejects an unknown option, listing the known ones", () => {
    expect(parseParameter("HIDE_INFO", '"name", "phone"')).toEqual({
      ok: false,
      error: `${expects}; "phone" (position 9) is not one of "name", "title", "link", "command"`,
    });
  });
});

describe("the LEAVE_CLOSED parameter", () => {
  const expects =
    'LEAVE_CLOSED expects any of "private", "group", "channel" separated by commas, or OFF for none';

  it("keeps no chat kind closed by default", () => {
    expect(resolveParameters({}).values.LEAVE_CLOSED).toEqual([]);
  });

  it("reads the reference form", () => {
    expect(parseParameter("LEAVE_CLOSED", '"group", "channel"')).toEqual({
      ok: true,
      value: ["group", "channel"],
    });
  });

  it("is cleared by OFF", () => {
    expect(parseParameter("LEAVE_CLOSED", "off")).toEqual({ ok: true, value: [] });
  });

  it("rejects supergroup, which Topicdesk counts as group", () => {
    expect(parseParameter("LEAVE_CLOSED", '"supergroup"')).toEqual({
      ok: false,
      error: `${expects}; "supergroup" (position 1) is not one of "private", "group", "channel"`,
    });
  });

  it("rejects brackets, which belong to keyword filters", () => {
    expect(parseParameter("LEAVE_CLOSED", '["group"]')).toEqual({
      ok: false,
      error: `${expects}; "[" at position 1 is not allowed here (brackets group keywords only)`,
    });
  });
});

describe("the CUSTOM_COMMANDS parameter", () => {
  const expects =
    "CUSTOM_COMMANDS expects command names separated by commas (e.g. /crm, /deal), or OFF for none";

  it("lists no commands by default", () => {
    expect(resolveParameters({}).values.CUSTOM_COMMANDS).toEqual([]);
  });

  it.each([
    ["/crm, /deal", ["crm", "deal"]],
    ['"crm", "/deal"', ["crm", "deal"]],
    ["/CRM /crm", ["crm"]],
    ["/order_status_2", ["order_status_2"]],
  ])("reads %j as %j, without slashes and in lower case", (raw, commands) => {
    expect(parseParameter("CUSTOM_COMMANDS", raw)).toEqual({ ok: true, value: commands });
  });

  it("is cleared by OFF", () => {
    expect(parseParameter("CUSTOM_COMMANDS", "OFF")).toEqual({ ok: true, value: [] });
  });

  it.each([
    ["/crm-x", '"/crm-x" (position 1) is not a command name (up to 32 letters a-z, digits or _)'],
    ["/", '"/" (position 1) is not a command name (up to 32 letters a-z, digits or _)'],
    ["/crm@my_bot", '"/crm@my_bot" (position 1) is not a command name (up to 32 letters a-z, digits or _)'],
    [
      `/${"a".repeat(33)}`,
      `"/${"a".repeat(33)}" (position 1) is not a command name (up to 32 letters a-z, digits or _)`,
    ],
  ])("rejects %j", (raw, problem) => {
    expect(parseParameter("CUSTOM_COMMANDS", raw)).toEqual({ ok: false, error: `${expects}; ${problem}` });
  });
});
