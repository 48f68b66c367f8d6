/**
 * A file a bot uploaded in a multipart request. The simulator keeps the bytes of uploads (never of
 * files people "send", which have none), so a test can check what a bot really sent: a CSV that
 * parses, a PNG that decodes.
 */
export class UploadedFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;

  constructor(fileName: string, contentType: string, bytes: Uint8Array) {
    this.fileName = fileName;
    this.contentType = contentType;
    this.bytes = bytes;
  }
}

/** What `TelegramSim.fileContent` returns for a file_id that came from an upload. */
export interface SimFileContent {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Width and height of a PNG from its IHDR chunk (the first chunk, right after the signature), so an
 * uploaded chart shows its real size as Telegram would; undefined for anything that is not a PNG.
 */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes.length < 24 || PNG_SIGNATURE.some((byte, index) => bytes[index] !== byte)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const isHeader = String.fromCharCode(...bytes.subarray(12, 16)) === "IHDR";
  if (!isHeader) return undefined;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
