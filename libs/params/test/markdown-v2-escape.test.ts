import { escapeMarkdownV2 } from "../src/index.ts";

describe("escaping text for Telegram's MarkdownV2", () => {
  it.each(["_", "*", "[", "]", "(", ")", "~", "`", ">", "#", "+", "-", "=", "|", "{", "}", ".", "!", "\\"])(
    "puts a backslash before %j",
    (char) => {
      expect(escapeMarkdownV2(`a${char}b`)).toBe(`a\\${char}b`);
    },
  );

  it("escapes every reserved character of a realistic name", () => {
    expect(escapeMarkdownV2("John_Doe (ACME-Corp.) #1!")).toBe("John\\_Doe \\(ACME\\-Corp\\.\\) \\#1\\!");
  });

  it("leaves letters, digits, spaces, Cyrillic and emoji untouched", () => {
    expect(escapeMarkdownV2("Анна 42 👋 ok,;:?@&%$")).toBe("Анна 42 👋 ok,;:?@&%$");
  });

  it("escapes each of several reserved characters in a row", () => {
    expect(escapeMarkdownV2("**")).toBe("\\*\\*");
  });
});
