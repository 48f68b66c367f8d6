import { parseParameter, resolveParameters } from "../src/index.ts";

const expects =
  'WEBHOOKS expects a JSON object of URLs and lists of events or /commands, e.g. {"https://crm.example/hook": ["dialog_created", "/invoice"]}, or OFF for none';

describe("the WEBHOOKS parameter", () => {
  it("is off by default", () => {
    expect(resolveParameters({}).values.WEBHOOKS).toEqual([]);
  });

  it("reads the reference's JSON form: URLs with events and /commands", () => {
    const raw =
      '{"https://crm.example/hook": ["dialog_created", "/Invoice", "dialog_created"], "http://10.0.0.5:8080/x": ["message_sent"]}';
    expect(parseParameter("WEBHOOKS", raw)).toEqual({
      ok: true,
      value: [
        { url: "https://crm.example/hook", events: ["dialog_created", "/invoice"] },
        { url: "http://10.0.0.5:8080/x", events: ["message_sent"] },
      ],
    });
  });

  it("OFF clears it", () => {
    expect(parseParameter("WEBHOOKS", "off")).toEqual({ ok: true, value: [] });
  });

  it.each([
    ["not json", 'the value is not valid JSON; got "not json"'],
    ['["https://a.example"]', 'the value must be a JSON object of URLs; got "["https://a.example"]"'],
    ['{"ftp://a.example/x": ["dialog_created"]}', '"ftp://a.example/x" is not an http:// or https:// URL'],
    [
      '{"https://a.example": []}',
      'the events of "https://a.example" must be a non-empty list like ["dialog_created", "/invoice"]',
    ],
    [
      '{"https://a.example": ["dialog_opened"]}',
      '"dialog_opened" is neither an event (dialog_created, dialog_reopened, dialog_closed, message_received, message_sent, message_intercepted) nor a /command',
    ],
    [
      '{"https://a.example": [42]}',
      "42 is neither an event (dialog_created, dialog_reopened, dialog_closed, message_received, message_sent, message_intercepted) nor a /command",
    ],
  ])("refuses %s with a clear error", (raw, problem) => {
    expect(parseParameter("WEBHOOKS", raw)).toEqual({ ok: false, error: `${expects}; ${problem}` });
  });
});
