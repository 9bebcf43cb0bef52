import { createHash } from 'node:crypto';
import { generateApiKey, hashApiKey, isImportableKey, KEY_ALPHABET, lastFour } from '../../../src/api-keys/api-key.secret';

describe('generateApiKey', () => {
  it('makes 32 characters of A-Z0-9, like the seed’s MGNN4Q4JI6Z3I8J1ROT2F3QK7CESDP16', () => {
    for (let i = 0; i < 200; i++) expect(generateApiKey()).toMatch(/^[A-Z0-9]{32}$/);
  });

  it('never repeats and uses the whole alphabet about evenly', () => {
    const keys = Array.from({ length: 2000 }, generateApiKey);
    expect(new Set(keys).size).toBe(keys.length);
    const counts = new Map<string, number>();
    for (const char of keys.join('')) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(KEY_ALPHABET.length);
    // 64,000 draws over 36 symbols: expect ~1778 each; a biased generator drifts far outside ±15%.
    for (const count of counts.values()) expect(Math.abs(count - 64000 / 36)).toBeLessThan(0.15 * (64000 / 36));
  });
});

describe('isImportableKey', () => {
  it.each([
    ['MGNN4Q4JI6Z3I8J1ROT2F3QK7CESDP16', true],
    ['12345678', true],
    ['a-b_c.d~e!f@g#h$', true],
    ['x'.repeat(128), true],
    ['1234567', false],
    ['x'.repeat(129), false],
    ['has space', false],
    ['tab\there1', false],
    ['ünïcödé-key', false],
    ['', false],
  ])('%p → %p', (key, expected) => {
    expect(isImportableKey(key)).toBe(expected);
  });
});

describe('hashApiKey / lastFour', () => {
  it('is SHA-256 hex', () => {
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes a non-ASCII key as its UTF-8 bytes (as keys hashed before are stored)', () => {
    expect(hashApiKey('clé-ñ')).toBe(createHash('sha256').update('clé-ñ', 'utf8').digest('hex'));
  });

  it('shows the last four characters', () => {
    expect(lastFour('MGNN4Q4JI6Z3I8J1ROT2F3QK7CESDP16')).toBe('DP16');
  });
});
