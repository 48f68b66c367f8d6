import { fileURLToPath } from "node:url";
import { stringify } from "yaml";
import { buildAsyncApiDocument } from "../src/asyncapi/asyncapi-document.ts";

/** Where the committed document lives: `docs/asyncapi.yaml` at the repository's root. */
export const ASYNCAPI_PATH = fileURLToPath(new URL("../../../docs/asyncapi.yaml", import.meta.url));

const HEADER =
  "# Generated from libs/contracts by `node libs/contracts/scripts/generate-asyncapi.ts`. Do not edit.\n";

export function asyncApiYaml(): string {
  return HEADER + stringify(buildAsyncApiDocument(), { lineWidth: 0 });
}
