import { type Api, DeliveryFailure } from "@topicdesk/telegram";

/** A document's bytes, or why it cannot be read (one line for the operator). */
export type DownloadedDocument = { ok: true; bytes: Uint8Array } | { ok: false; error: string };
export type DownloadDocument = (connectionId: string, fileId: string) => Promise<DownloadedDocument>;

/** A list of 100,000 ids with a few columns fits several times over; anything larger is a mistake. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

export interface DocumentDownloaderOptions {
  api: (connectionId: string) => Promise<Api>;
  /** The Bot API root (TELEGRAM_API_ROOT): files are served under `<root>/file/bot<token>/<path>`. */
  apiRoot: string;
  /** Runs a Bot API call, waiting out 429s and retrying transient failures. */
  call: <T>(fn: () => Promise<T>) => Promise<T>;
}

/**
 * Downloads a document someone sent in the backend group: `getFile` for its path, then a GET of
 * the file URL. The URL holds the bot's token, so it is never logged or put into an error.
 * Telegram's refusals become answers; a network failure throws, so the command is retried.
 */
export function createDocumentDownloader(options: DocumentDownloaderOptions): DownloadDocument {
  const root = options.apiRoot.replace(/\/+$/, "");
  return async (connectionId, fileId) => {
    const api = await options.api(connectionId);
    let file: Awaited<ReturnType<Api["getFile"]>>;
    try {
      file = await options.call(() => api.getFile(fileId));
    } catch (error) {
      if (error instanceof DeliveryFailure && error.failure.kind === "bad-request") {
        return { ok: false, error: "Telegram would not give the file (too big, or no longer available)." };
      }
      throw error;
    }
    if ((file.file_size ?? 0) > MAX_DOCUMENT_BYTES) return tooBig();
    if (file.file_path === undefined)
      return { ok: false, error: "Telegram gave no way to download the file." };
    const response = await fetchFile(`${root}/file/bot${api.token}/${file.file_path}`);
    if (!response.ok) throw new Error(`document download failed with HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return bytes.length > MAX_DOCUMENT_BYTES ? tooBig() : { ok: true, bytes };
  };
}

function tooBig(): DownloadedDocument {
  return {
    ok: false,
    error: `The file is too big: a list of ids fits in ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB.`,
  };
}

/** fetch, with its error stripped of anything that could carry the URL (and so the token). */
async function fetchFile(url: string): Promise<Response> {
  try {
    return await fetch(url, { signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    const code = error instanceof Error && error.cause instanceof Error ? error.cause.name : "network error";
    throw new Error(`document download failed (${code})`);
  }
}
