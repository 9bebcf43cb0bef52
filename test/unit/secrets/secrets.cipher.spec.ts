import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Logger } from '@nestjs/common';
import { AppConfig } from '../../../src/config/app.config';
import { ConfigError } from '../../../src/config/env';
import { createSecretsCipher } from '../../../src/secrets/secrets-cipher.provider';
import { generateSecretsKey, parseSecretsKey, SecretDecryptError, SecretsCipher } from '../../../src/secrets/secrets.cipher';

const KEY = Buffer.alloc(32, 7);
const cipher = new SecretsCipher(KEY);

/** Flips one bit of the base64 part `index` (1 = iv, 2 = tag, 3 = ciphertext). */
function tamper(stored: string, index: number): string {
  const parts = stored.split(':');
  const bytes = Buffer.from(parts[index], 'base64');
  bytes[0] ^= 0x01;
  parts[index] = bytes.toString('base64');
  return parts.join(':');
}

describe('SecretsCipher (AES-256-GCM)', () => {
  it.each(['s3cret', '', 'pässwörd ✓ with unicode', 'x'.repeat(5000), 'a:b:c:d'])('round-trips %p', (plain) => {
    const stored = cipher.encrypt(plain, 'ctx');
    expect(stored).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*$/);
    expect(cipher.decrypt(stored, 'ctx')).toBe(plain);
  });

  it('never stores the plaintext and uses a fresh 12-byte IV per value', () => {
    const a = cipher.encrypt('hunter2-password');
    const b = cipher.encrypt('hunter2-password');
    expect(a).not.toBe(b);
    expect(a).not.toContain('hunter2');
    expect(Buffer.from(a.split(':')[1], 'base64')).toHaveLength(12);
    expect(Buffer.from(a.split(':')[2], 'base64')).toHaveLength(16);
  });

  it.each([
    ['iv', 1],
    ['auth tag', 2],
    ['ciphertext', 3],
  ])('detects a tampered %s', (_part, index) => {
    const stored = cipher.encrypt('top secret');
    expect(() => cipher.decrypt(tamper(stored, index))).toThrow(SecretDecryptError);
  });

  it('refuses a value encrypted with another key', () => {
    const stored = new SecretsCipher(Buffer.alloc(32, 8)).encrypt('top secret');
    expect(() => cipher.decrypt(stored)).toThrow(SecretDecryptError);
  });

  it('refuses a value encrypted for another context (column)', () => {
    const stored = cipher.encrypt('top secret', 'web_service.password');
    expect(() => cipher.decrypt(stored, 'web_service.api_key')).toThrow(SecretDecryptError);
  });

  it.each(['', 'plaintext', 'v2:AAAA:AAAA:AAAA', 'v1:AAAA:AAAA', 'v1:AAAA:AAAAAAAAAAAAAAAAAAAAAA==:AAAA'])(
    'refuses malformed value %p',
    (value) => {
      expect(() => cipher.decrypt(value)).toThrow(SecretDecryptError);
    },
  );

  it('requires a 32-byte key', () => {
    expect(() => new SecretsCipher(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});

describe('parseSecretsKey (SECRETS_KEY)', () => {
  const raw = Buffer.from(Array.from({ length: 32 }, (_, i) => i * 7));
  it.each([
    ['64 hex characters', raw.toString('hex')],
    ['upper-case hex', raw.toString('hex').toUpperCase()],
    ['base64', raw.toString('base64')],
    ['base64 without padding', raw.toString('base64').replace(/=$/, '')],
    ['base64url', raw.toString('base64url')],
    ['hex with surrounding whitespace', ` ${raw.toString('hex')}\n`],
  ])('accepts %s', (_case, text) => {
    expect(parseSecretsKey(text).equals(raw)).toBe(true);
  });

  it.each([
    ['63 hex characters', 'a'.repeat(63)],
    ['65 hex characters', 'a'.repeat(65)],
    ['base64 of 31 bytes', Buffer.alloc(31, 1).toString('base64')],
    ['base64 of 48 bytes', Buffer.alloc(48, 1).toString('base64')],
    ['a passphrase', 'correct horse battery staple'],
    ['empty', ''],
  ])('refuses %s without echoing the value', (_case, text) => {
    expect(() => parseSecretsKey(text)).toThrow(/64 hex characters or the base64 of 32/);
    try {
      parseSecretsKey(text);
    } catch (error) {
      if (text) expect((error as Error).message).not.toContain(text);
    }
  });

  it('generates keys it can read', () => {
    expect(parseSecretsKey(generateSecretsKey())).toHaveLength(32);
    expect(generateSecretsKey()).not.toBe(generateSecretsKey());
  });
});

describe('createSecretsCipher (the provider)', () => {
  let dataDir: string;
  const silent = { log: jest.fn(), warn: jest.fn() } as unknown as Logger;
  const config = (secretsKey?: string) => ({
    dataDir,
    secretsKey,
    database: { type: 'sqlite', path: path.join(dataDir, 'x.db') } as AppConfig['database'],
  });

  beforeEach(() => (dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'synchro-secrets-'))));
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('stops start-up with an error naming SECRETS_KEY when it is invalid', () => {
    expect(() => createSecretsCipher(config('too-short'), silent)).toThrow(ConfigError);
    expect(() => createSecretsCipher(config('too-short'), silent)).toThrow(/SECRETS_KEY/);
  });

  it('uses SECRETS_KEY when set (values survive a restart with the same key)', () => {
    const key = generateSecretsKey();
    const stored = createSecretsCipher(config(key), silent).encrypt('pw');
    expect(createSecretsCipher(config(key), silent).decrypt(stored)).toBe('pw');
    expect(fs.existsSync(path.join(dataDir, 'secrets-key'))).toBe(false);
  });

  it('otherwise generates a key into <data>/secrets-key (mode 0600) once and reuses it', () => {
    const stored = createSecretsCipher(config(), silent).encrypt('pw');
    const file = path.join(dataDir, 'secrets-key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(createSecretsCipher(config(), silent).decrypt(stored)).toBe('pw');
    expect((silent.log as jest.Mock).mock.calls.flat().join(' ')).not.toContain(fs.readFileSync(file, 'utf8').trim());
  });

  it('names SECRETS_KEY and the file when the generated file is corrupt', () => {
    fs.writeFileSync(path.join(dataDir, 'secrets-key'), 'garbage\n');
    expect(() => createSecretsCipher(config(), silent)).toThrow(/SECRETS_KEY.*secrets-key/);
  });
});
