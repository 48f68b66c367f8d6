import { defaultWelcomeTemplate, renderWelcome } from "../src/index.ts";

describe("rendering the welcome message", () => {
  it("puts the client's name into the default English welcome", () => {
    expect(renderWelcome(defaultWelcomeTemplate, { title: "Anna" })).toBe(
      "Hello, Anna\\! Describe your question and we will answer as soon as possible\\.",
    );
  });

  it("escapes the client's name, so a name like 'J.R. (admin)' cannot break the formatting", () => {
    expect(renderWelcome("Hi *{title}*", { title: "J.R. (admin)" })).toBe("Hi *J\\.R\\. \\(admin\\)*");
  });

  it("replaces every {title} in the template", () => {
    expect(renderWelcome("{title}, {title}", { title: "Bo" })).toBe("Bo, Bo");
  });

  it("returns a template without a placeholder unchanged", () => {
    expect(renderWelcome("Hello\\!", { title: "Bo" })).toBe("Hello\\!");
  });

  it("does not read placeholders inside the client's name", () => {
    expect(renderWelcome("Hi {title}", { title: "{title}" })).toBe("Hi \\{title\\}");
  });
});
