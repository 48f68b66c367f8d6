import { parameterDefinitions, resolveParameters } from "../src/index.ts";

describe("resolving a connection's stored parameters", () => {
  it("gives every parameter its default when nothing is stored", () => {
    const { values, errors, explicit } = resolveParameters({});
    expect(errors).toEqual([]);
    expect(explicit).toEqual([]);
    expect(Object.keys(values)).toEqual(parameterDefinitions.map((definition) => definition.name));
    for (const definition of parameterDefinitions)
      expect(values[definition.name]).toEqual(definition.defaultValue);
  });

  it("uses stored values and records them as set explicitly", () => {
    const { values, errors, explicit } = resolveParameters({
      AUTOCLOSE: "168",
      MONITOR_GROUPS: "TRUE",
      WELCOME: "OFF",
    });
    expect(errors).toEqual([]);
    expect(values.AUTOCLOSE).toBe(168);
    expect(values.MONITOR_GROUPS).toBe(true);
    expect(values.WELCOME).toBeNull();
    expect(explicit).toEqual(["WELCOME", "AUTOCLOSE", "MONITOR_GROUPS"]);
  });

  it("falls back to the default for a stored value that no longer parses, and reports it", () => {
    const { values, errors, explicit } = resolveParameters({ AUTOCLOSE: "abc", REPLY_ONLY: "TRUE" });
    expect(values.AUTOCLOSE).toBe(48);
    expect(values.REPLY_ONLY).toBe(true);
    expect(explicit).toEqual(["REPLY_ONLY"]);
    expect(errors).toEqual([
      'AUTOCLOSE expects a whole number of hours (e.g. 48 or 168), or 0 or OFF for "never"; got "abc"; the default (48) is used instead',
    ]);
  });

  it("accepts stored names in any spelling findParameter accepts", () => {
    const { values, errors } = resolveParameters({ "@AUTO_CLOSE@": "5", hide_info: '"name"' });
    expect(errors).toEqual([]);
    expect(values.AUTOCLOSE).toBe(5);
    expect(values.HIDE_INFO).toEqual(["name"]);
  });

  it("ignores and reports an unknown name", () => {
    const { values, errors } = resolveParameters({ NOT_A_PARAMETER: "{}" });
    expect(values.AUTOCLOSE).toBe(48);
    expect(errors).toEqual(['Unknown parameter "NOT_A_PARAMETER" is ignored']);
  });

  it("uses the later of two spellings of one parameter and reports the repetition", () => {
    const { values, errors } = resolveParameters({ AUTOCLOSE: "5", AUTO_CLOSE: "6" });
    expect(values.AUTOCLOSE).toBe(6);
    expect(errors).toEqual(['"AUTO_CLOSE" sets AUTOCLOSE again; the later value is used']);
  });

  it("never throws, whatever is stored", () => {
    const garbage = Object.fromEntries(parameterDefinitions.map((definition) => [definition.name, '["\\']));
    expect(() => resolveParameters(garbage)).not.toThrow();
    expect(resolveParameters(garbage).errors).toHaveLength(parameterDefinitions.length);
  });
});
