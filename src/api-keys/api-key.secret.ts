/**
 * Inbound API keys, pure: generation, the accepted shape of imported keys, hashing.
 * Keys are stored as their SHA-256 only; these functions are the one place that
 * knows how a presented key becomes the stored hash.
 */
import { hash, randomInt } from 'node:crypto';

/** The seed's keys look like `MGNN4Q4JI6Z3I8J1ROT2F3QK7CESDP16`: 32 characters of A-Z0-9. */
export const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const GENERATED_KEY_LENGTH = 32;

/**
 * Keys imported from an existing installation: 8..128 printable ASCII characters
 * without spaces, so they travel unchanged in an HTTP header.
 */
export const IMPORTABLE_KEY = /^[\x21-\x7e]{8,128}$/;
export const IMPORTABLE_KEY_PROBLEM = 'must be 8..128 printable ASCII characters without spaces';

/** 32 × log2(36) ≈ 165 bits. `randomInt` rejects out-of-range draws, so no modulo bias. */
export function generateApiKey(): string {
  let key = '';
  for (let i = 0; i < GENERATED_KEY_LENGTH; i++) key += KEY_ALPHABET[randomInt(KEY_ALPHABET.length)];
  return key;
}

export function isImportableKey(key: string): boolean {
  return IMPORTABLE_KEY.test(key);
}

/** SHA-256 hex: keys are random (or imported as-is), so a fast unsalted hash is enough to look them up. */
export function hashApiKey(key: string): string {
  // The one-shot form (no Hash object per inbound call); strings are hashed as UTF-8.
  return hash('sha256', key, 'hex');
}

/** The last four characters, shown in listings so an admin can tell keys apart. */
export function lastFour(key: string): string {
  return key.slice(-4);
}
