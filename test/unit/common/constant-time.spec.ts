import { createHash } from 'node:crypto';
import { constantTimeEquals, digestsEqual } from '../../../src/common/constant-time';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('constant-time comparisons', () => {
  it.each([
    ['the same digest', sha('a'), sha('a'), true],
    ['different digests', sha('a'), sha('b'), false],
    ['digests differing in the last character', 'ab'.repeat(32), `${'ab'.repeat(31)}ac`, false],
    ['different lengths', sha('a'), sha('a').slice(0, 62), false],
    ['empty and non-empty', '', sha('a'), false],
  ])('digestsEqual: %s', (_case, a, b, expected) => {
    expect(digestsEqual(a, b)).toBe(expected);
  });

  it.each([
    ['equal secrets', 'token-1', 'token-1', true],
    ['different secrets', 'token-1', 'token-2', false],
    ['a prefix', 'token', 'token-1', false],
  ])('constantTimeEquals: %s', (_case, a, b, expected) => {
    expect(constantTimeEquals(a, b)).toBe(expected);
  });
});
