import { isPermanentFailure, retryDelayMs } from '../../../src/outbox/backoff';
import { signatureHeaders } from '../../../src/outbox/webhook-signature';
import { createHmac } from 'node:crypto';

describe('retryDelayMs', () => {
  it.each([
    [1, 5_000],
    [2, 30_000],
    [3, 120_000],
    [4, 600_000],
    [5, 1_800_000],
    [6, 3_600_000],
    [7, 7_200_000],
    [40, 7_200_000],
  ])('attempt %i waits about %i ms', (attempt, base) => {
    expect(retryDelayMs(attempt, () => 0.5)).toBe(base);
    expect(retryDelayMs(attempt, () => 0)).toBe(Math.round(base * 0.8));
    expect(retryDelayMs(attempt, () => 1)).toBe(Math.round(base * 1.2));
  });
});

describe('isPermanentFailure', () => {
  it.each([
    [400, true],
    [404, true],
    [422, true],
    [408, false],
    [429, false],
    [500, false],
    [503, false],
    [undefined, false],
  ])('HTTP %p → %p', (status, permanent) => {
    expect(isPermanentFailure(status)).toBe(permanent);
  });
});

describe('signatureHeaders (Standard Webhooks)', () => {
  const at = new Date('2026-01-01T00:00:00Z');
  it('signs id.timestamp.body with the plain secret', () => {
    const headers = signatureHeaders('a-plain-secret-value', 'msg_1', '{"a":1}', at);
    const expected = createHmac('sha256', 'a-plain-secret-value').update('msg_1.1767225600.{"a":1}').digest('base64');
    expect(headers).toEqual({ 'webhook-id': 'msg_1', 'webhook-timestamp': '1767225600', 'webhook-signature': `v1,${expected}` });
  });

  it('decodes whsec_ secrets as base64 keys', () => {
    const key = Buffer.from('0123456789abcdef0123456789abcdef');
    const headers = signatureHeaders(`whsec_${key.toString('base64')}`, 'msg_2', 'body', at);
    const expected = createHmac('sha256', key).update('msg_2.1767225600.body').digest('base64');
    expect(headers['webhook-signature']).toBe(`v1,${expected}`);
  });
});
