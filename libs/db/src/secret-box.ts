import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/** Seals secrets (bot tokens, webhook secrets, sessions) for storage, and opens them again. */
export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

/**
 * A sealed value could not be opened: wrong key, tampered or truncated data, or an unknown format.
 * The message never contains the value itself.
 */
export class SecretDecryptionError extends Error {
  override readonly name = "SecretDecryptionError";
}

const VERSION = "v1";
const ALGORITHM = "aes-256-gcm";
/** 96-bit IVs are GCM's native size; random ones are safe far beyond the number of secrets we seal. */
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Fixed domain separation: the same key material used elsewhere yields an unrelated key here. */
const HKDF_SALT = "topicdesk";
const HKDF_INFO = "topicdesk secret box v1 aes-256-gcm";

/**
 * AES-256-GCM with a key derived by HKDF-SHA256, so any string (a passphrase, a hex or base64 key)
 * works as key material. Output: `v1:<base64 iv>:<base64 tag>:<base64 ciphertext>`; the version
 * prefix lets a future key or algorithm change open old values.
 */
export function createSecretBox(keyMaterial: string): SecretBox {
  if (keyMaterial.length === 0) {
    throw new Error("secret box key material must not be empty");
  }
  const key = Buffer.from(hkdfSync("sha256", keyMaterial, HKDF_SALT, HKDF_INFO, 32));
  return {
    seal: (plain) => seal(key, plain),
    open: (sealed) => open(key, sealed),
  };
}

function seal(key: Buffer, plain: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64"), tag.toString("base64"), ciphertext.toString("base64")].join(":");
}

function open(key: Buffer, sealed: string): string {
  const [version, iv, tag, ciphertext, ...rest] = sealed.split(":");
  if (
    version !== VERSION ||
    iv === undefined ||
    tag === undefined ||
    ciphertext === undefined ||
    rest.length > 0
  ) {
    throw new SecretDecryptionError("sealed secret has an unknown format");
  }
  const ivBytes = Buffer.from(iv, "base64");
  const tagBytes = Buffer.from(tag, "base64");
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) {
    throw new SecretDecryptionError("sealed secret has a malformed iv or tag");
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, key, ivBytes, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64")), decipher.final()]).toString(
      "utf8",
    );
  } catch (error) {
    // GCM's authentication failure is the only expected error here; it means wrong key or tampering.
    throw new SecretDecryptionError("sealed secret could not be opened: wrong key or tampered data", {
      cause: error,
    });
  }
}
