// Writes docs/asyncapi.yaml from the TypeBox contracts. Run after changing a domain event:
//   node libs/contracts/scripts/generate-asyncapi.ts
import { writeFileSync } from "node:fs";
import { ASYNCAPI_PATH, asyncApiYaml } from "./asyncapi-yaml.ts";

writeFileSync(ASYNCAPI_PATH, asyncApiYaml());
process.stdout.write(`wrote ${ASYNCAPI_PATH}\n`);
