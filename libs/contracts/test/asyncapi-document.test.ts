import { readFileSync } from "node:fs";
import { Parser } from "@asyncapi/parser";
import { Compile } from "typebox/schema";
import { parse } from "yaml";
import { ASYNCAPI_PATH, asyncApiYaml } from "../scripts/asyncapi-yaml.ts";
import { type DomainEvent, DomainEventKinds, domainEventCatalog } from "../src/index.ts";

describe("the AsyncAPI document of the domain events", () => {
  const committed = readFileSync(ASYNCAPI_PATH, "utf8");

  test("docs/asyncapi.yaml is what the contracts generate (run libs/contracts/scripts/generate-asyncapi.ts)", () => {
    expect(committed).toBe(asyncApiYaml());
  });

  test("every domain event kind is described in the catalog", () => {
    const undocumented = DomainEventKinds.filter((kind) => domainEventCatalog[kind] === undefined);
    expect(undocumented).toEqual([]);
  });

  test("is a valid AsyncAPI 3 document with one channel and message per kind", async () => {
    const { document, diagnostics } = await new Parser().parse(committed);
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 0);
    expect(errors).toEqual([]);
    expect(document?.version()).toBe("3.0.0");
    const names = document
      ?.allMessages()
      .all()
      .map((message) => message.name());
    expect(names?.sort()).toEqual([...DomainEventKinds].sort());
  });

  test("a documented payload accepts its kind's events and refuses one that lacks what the kind carries", () => {
    const schemas = (parse(committed) as { components: { schemas: Record<string, object> } }).components
      .schemas;
    const closed = Compile(schemas.dialogClosed ?? {});
    const event: DomainEvent = {
      v: 1,
      id: "main:9.evt0",
      kind: "dialog.closed",
      connectionId: "main",
      at: 1,
      dialogId: 3,
      status: "closed",
      reason: "autoclose",
    };
    expect(closed.Check(event)).toBe(true);
    expect(closed.Check({ ...event, kind: "dialog.opened" })).toBe(false);
    const { dialogId: _dropped, ...withoutDialog } = event;
    expect(closed.Check(withoutDialog)).toBe(false);
  });
});
