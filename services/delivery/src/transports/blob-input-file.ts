import { InputFile } from "grammy";

/**
 * A file read from the Redis blob store, remembering its key. The Bot API transport uploads the
 * bytes like any `InputFile`; the MTProto transport sends only the key, and the session's owner
 * reads the blob itself: a call travels over NATS, whose messages stop at the server's
 * `max_payload` (1 MiB by default), while files go up to 50 MB.
 */
export class BlobInputFile extends InputFile {
  readonly blobKey: string;
  readonly blobFileName: string;
  readonly contentType: string;

  constructor(bytes: Uint8Array, blob: { key: string; fileName: string; contentType: string }) {
    super(bytes, blob.fileName);
    this.blobKey = blob.key;
    this.blobFileName = blob.fileName;
    this.contentType = blob.contentType;
  }
}
