import {
  type ExtensionsAllowed,
  type ForumIconColor,
  type HideInfoOption,
  type KeywordFilter,
  type LeaveClosedChatKind,
  type ParameterName,
  type ParameterValues,
  parseParameter,
  resolveParameters,
} from "../src/index.ts";

// Type tests: this file fails the typecheck (`tsc`) if the value types derived from the table drift.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | undefined {
  return undefined;
}

describe("the typed parameter values", () => {
  it("derive one field per parameter with the type its parser returns", () => {
    assertType<Equal<ParameterValues["WELCOME"], string | null>>();
    assertType<Equal<ParameterValues["AUTOCLOSE"], number | null>>();
    assertType<Equal<ParameterValues["AUTO_INFO"], boolean>>();
    assertType<Equal<ParameterValues["HIDE_INFO"], readonly HideInfoOption[]>>();
    assertType<Equal<ParameterValues["LEAVE_CLOSED"], readonly LeaveClosedChatKind[]>>();
    assertType<Equal<ParameterValues["IGNORE_CHATS"], readonly number[]>>();
    assertType<Equal<ParameterValues["WHITE_LIST"], readonly number[] | null>>();
    assertType<Equal<ParameterValues["PRIVATE_KEYWORDS"], KeywordFilter | null>>();
    assertType<Equal<ParameterValues["RESTRICTED_KEYWORDS_BACKEND"], KeywordFilter | null>>();
    assertType<Equal<ParameterValues["EXTENSIONS_ALLOWED"], ExtensionsAllowed>>();
    assertType<Equal<ParameterValues["CUSTOM_COMMANDS"], readonly string[]>>();
    assertType<Equal<ParameterValues["ICON_COLOR"], ForumIconColor>>();
    assertType<Equal<keyof ParameterValues, ParameterName>>();
    expect(resolveParameters({}).values).toBeDefined();
  });

  it("type parseParameter's result by the parameter name", () => {
    const result = parseParameter("AUTOCLOSE", "5");
    if (result.ok) {
      const hours: number | null = result.value;
      expect(hours).toBe(5);
    }
  });
});
