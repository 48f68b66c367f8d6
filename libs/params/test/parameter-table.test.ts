import { formatParameterHelp, parameterDefinitions } from "../src/index.ts";

describe("the parameter table", () => {
  it("holds the parameters of this release, in the reference documentation's order", () => {
    expect(parameterDefinitions.map((definition) => definition.name)).toEqual([
      "WELCOME",
      "AUTOCLOSE",
      "AUTO_INFO",
      "EXTENSIONS_ALLOWED",
      "SILENT_MODE",
      "IGNORE_CHATS",
      "WHITE_LIST",
      "HIDE_INFO",
      "REPLY_ONLY",
      "LEAVE_CLOSED",
      "PRIVATE_KEYWORDS",
      "MONITOR_PRIVATE",
      "MONITOR_GROUPS",
      "GROUPS_KEYWORDS",
      "MONITOR_CHANNELS",
      "CHANNELS_KEYWORDS",
      "RESTRICTED_KEYWORDS_FRONTEND",
      "RESTRICTED_KEYWORDS_BACKEND",
      "WEBHOOKS",
      "CUSTOM_COMMANDS",
      "ICON_COLOR",
      "INTERCEPT_EXTERNAL",
    ]);
  });

  it.each(parameterDefinitions.map((definition) => [definition.name, definition] as const))(
    "%s: its written default parses to its default value",
    (_name, definition) => {
      expect(definition.parse(definition.defaultRaw)).toEqual({ ok: true, value: definition.defaultValue });
    },
  );

  it.each(parameterDefinitions.map((definition) => [definition.name, definition] as const))(
    "%s: has a one-line summary and syntax",
    (_name, definition) => {
      expect(definition.summary).toMatch(/^[A-Z].*\.$/);
      expect(definition.summary).not.toContain("\n");
      expect(definition.syntax.length).toBeGreaterThan(0);
      expect(definition.syntax).not.toContain("\n");
    },
  );

  it.each(parameterDefinitions.map((definition) => [definition.name, definition] as const))(
    "%s: an error names the parameter and repeats its syntax",
    (name, definition) => {
      const result = definition.parse("[[");
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.startsWith(`${name} expects ${definition.syntax}; `)).toBe(true);
    },
  );

  it("has no name or alias twice", () => {
    const names = parameterDefinitions.flatMap((definition) => [definition.name, ...definition.aliases]);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("parameter help", () => {
  it("shows the name, aliases, summary, syntax and default", () => {
    const autoclose = parameterDefinitions.find((definition) => definition.name === "AUTOCLOSE");
    if (autoclose === undefined) throw new Error("AUTOCLOSE is missing");
    expect(formatParameterHelp(autoclose)).toBe(
      [
        "AUTOCLOSE (also AUTO_CLOSE)",
        "Hours an answered (🟨) dialog waits for the client before it closes itself.",
        'Value: a whole number of hours (e.g. 48 or 168), or 0 or OFF for "never"',
        "Default: 48",
      ].join("\n"),
    );
  });

  it("leaves out the alias part when a parameter has none", () => {
    const [welcome] = parameterDefinitions;
    expect(formatParameterHelp(welcome).split("\n")[0]).toBe("WELCOME");
  });
});
