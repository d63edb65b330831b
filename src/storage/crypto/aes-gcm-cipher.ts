import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import type { Cipher } from "../../core/shared/cipher.ts";

export { loadOrCreateMasterKey, parseMasterKey, MASTER_KEY_FILE_NAME, MasterKeyError } from "./master-key.ts";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const MASTER_KEY_BYTES = 32;

/** A sealed value cannot be opened: tampered, truncated, unknown format, or another master key. */
export class SealedSecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SealedSecretError";
  }
}

/**
 * AES-256-GCM with a fresh random 96-bit IV per seal. Sealed format (text, safe in any column):
 *
 *   v1.<keyId>.<base64url(iv | ciphertext | tag)>
 *
 * `keyId` is 8 hex characters derived from the key (HMAC, not the key's hash), so opening a value
 * sealed under another master key fails with a message that says so instead of a bare
 * authentication error. The version prefix leaves room for another algorithm or key rotation.
 */
export class AesGcmCipher implements Cipher {
  readonly keyId: string;
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== MASTER_KEY_BYTES) {
      throw new RangeError(`AES-256-GCM needs a ${MASTER_KEY_BYTES}-byte key, got ${key.length} bytes.`);
    }
    this.#key = Buffer.from(key);
    this.keyId = masterKeyId(key);
  }

  seal(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.#key, iv);
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
    return `${VERSION}.${this.keyId}.${Buffer.concat([iv, body]).toString("base64url")}`;
  }

  open(sealed: string): string {
    const parts = sealed.split(".");
    if (parts.length !== 3 || parts[0] !== VERSION) {
      throw new SealedSecretError(`Sealed secret has an unknown format (expected ${VERSION}.<keyId>.<data>).`);
    }
    const [, keyId, data] = parts as [string, string, string];
    if (keyId !== this.keyId) {
      throw new SealedSecretError(
        `Sealed secret was encrypted under master key ${keyId}, but the configured master key is ${this.keyId}. ` +
          `Use the master key this store was created with (NESTBOX_MASTER_KEY or master.key in the data directory).`,
      );
    }
    const raw = Buffer.from(data, "base64url");
    if (raw.length < IV_BYTES + TAG_BYTES) throw new SealedSecretError("Sealed secret is truncated.");
    const iv = raw.subarray(0, IV_BYTES);
    const tag = raw.subarray(raw.length - TAG_BYTES);
    const body = raw.subarray(IV_BYTES, raw.length - TAG_BYTES);
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.#key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
    } catch {
      throw new SealedSecretError("Sealed secret failed authentication: it was altered or is corrupt.");
    }
  }
}

/** Public identifier of a master key (8 hex characters); reveals nothing usable about the key. */
export function masterKeyId(key: Buffer): string {
  return createHmac("sha256", key).update("nestbox master key id").digest("hex").slice(0, 8);
}
