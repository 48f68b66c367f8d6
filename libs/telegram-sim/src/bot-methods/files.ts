import type { File } from "@grammyjs/types";
import { badRequest } from "../errors.ts";
import type { Params } from "../request-params.ts";
import type { MethodContext, MethodTable } from "./context.ts";

/**
 * getFile: describes a file and gives the path to download it from
 * (`<api root>/file/bot<token>/<file_path>`, served by the simulator's HTTP server).
 */
function getFile(ctx: MethodContext, params: Params): File {
  const fileId = params.str("file_id");
  if (fileId === undefined || fileId === "") throw badRequest("file_id is empty");
  return ctx.state.files.describeForDownload(fileId);
}

export const fileMethods: MethodTable = { getFile };
