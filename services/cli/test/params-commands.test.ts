import { unannouncedConnectionChanges } from "@topicdesk/connections";
import {
  ConnectionRepository,
  createSecretBox,
  createTestDatabase,
  ParameterRepository,
  type TestDatabase,
} from "@topicdesk/db";
import { CliError } from "../src/cli-error.ts";
import {
  listParameters,
  parametersHelp,
  setParameter,
  unsetParameter,
} from "../src/commands/params-commands.ts";

// The announcement itself is tested with the write in libs/connections (parameter-writes.test.ts).
const quiet = unannouncedConnectionChanges;

describe("pnpm topicdesk params", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await new ConnectionRepository(database.db).create(
      { id: "main", kind: "bot", title: "@bot", backend_chat_id: -1001, token: "1:x" },
      createSecretBox("cli-test-key"),
    );
  });
  afterAll(async () => {
    await database.drop();
  });

  test("a valid value is stored as written, under the canonical name", async () => {
    await expect(setParameter(database.db, quiet, "main", "autoclose", "168")).resolves.toContain(
      "AUTOCLOSE set",
    );
    expect(await new ParameterRepository(database.db).listRaw("main")).toMatchObject({ AUTOCLOSE: "168" });
  });

  test("a bad value is refused with the parameter's own explanation and changes nothing", async () => {
    await expect(setParameter(database.db, quiet, "main", "AUTOCLOSE", "soon")).rejects.toThrow(
      /AUTOCLOSE expects/,
    );
    expect((await new ParameterRepository(database.db).listRaw("main")).AUTOCLOSE).toBe("168");
  });

  test("an unknown parameter is refused", async () => {
    await expect(setParameter(database.db, quiet, "main", "NO_SUCH", "1")).rejects.toBeInstanceOf(CliError);
  });

  test("list shows stored values and defaults; unset returns to the default", async () => {
    expect(await listParameters(database.db, "main")).toMatch(/AUTOCLOSE = 168\n/);
    await unsetParameter(database.db, quiet, "main", "AUTOCLOSE");
    expect(await listParameters(database.db, "main")).toContain("AUTOCLOSE = 48  (default)");
  });

  test("help names every parameter", () => {
    for (const name of ["WELCOME", "HIDE_INFO", "RESTRICTED_KEYWORDS_BACKEND", "ICON_COLOR"]) {
      expect(parametersHelp()).toContain(name);
    }
  });
});
