/**
 * Encryption at rest of outbound credentials (web-service passwords and API keys),
 * pure: AES-256-GCM, a fresh random 12-byte IV per value, the auth tag checked on
 * every decrypt, so a tampered value or a wrong key is an error, never garbage.
 *
 * Stored form: `v1:<iv base64>:<tag base64>:<ciphertext base64>`. The version
 * prefix leaves room for a future key rotation scheme. An optional context string
 * is bound as associated data, so a value copied into another column won't decrypt.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SECRETS_KEY_BYTES = 32;

export class SecretDecryptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretDecryptError';
  }
}

export class SecretsCipher {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== SECRETS_KEY_BYTES) throw new Error(`the secrets key must be ${SECRETS_KEY_BYTES} bytes`);
    this.key = Buffer.from(key);
  }

  encrypt(plaintext: string, context = ''): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
  }

  /** Throws SecretDecryptError on a malformed value, a tampered value or a wrong key (or context). */
  decrypt(stored: string, context = ''): string {
    const parts = stored.split(':');
    if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretDecryptError('not an encrypted value of a known version');
    const [iv, tag, ciphertext] = parts.slice(1).map((part) => Buffer.from(part, 'base64'));
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretDecryptError('malformed encrypted value');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretDecryptError('the value was altered or was encrypted with another key');
    }
  }
}

/**
 * SECRETS_KEY: 64 hex characters, or base64 (standard or url-safe) of 32 bytes.
 * Returns the key, or throws an Error whose message says what is wrong (never the value).
 */
export function parseSecretsKey(text: string): Buffer {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    const key = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (key.length === SECRETS_KEY_BYTES) return key;
  }
  throw new Error(`must be 64 hex characters or the base64 of ${SECRETS_KEY_BYTES} random bytes (e.g. \`openssl rand -hex 32\`)`);
}

/** A new key in the form parseSecretsKey reads (hex). */
export function generateSecretsKey(): string {
  return randomBytes(SECRETS_KEY_BYTES).toString('hex');
}
