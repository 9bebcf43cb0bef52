import { CALL_BODY_LIMIT_BYTES, RawCall, sanitizeCall, truncateUtf8 } from '../../../../src/web-services/outbound/call-record';

const raw = (overrides: Partial<RawCall> = {}): RawCall => ({
  webServiceId: 1,
  kind: 'send',
  at: new Date('2026-12-02T04:00:00Z'),
  url: 'https://erp.example.com/CON',
  status: 200,
  outcome: 'ok',
  error: null,
  durationMs: 12,
  headers: { 'content-type': 'application/json', 'idempotency-key': 'synchro-1-2-3' },
  authHeaderNames: [],
  secrets: () => [],
  requestBody: '{"action":"create"}',
  responseBody: '{"status":"success"}',
  ...overrides,
});

describe('API inspector: sanitizeCall', () => {
  it.each<[string, Record<string, string>, string[], string[]]>([
    ['the auth header of an api_key service', { api_key: 'K', accept: 'application/json' }, ['api_key'], ['accept']],
    ['Basic credentials', { authorization: 'Basic abc', accept: 'x' }, ['Authorization'], ['accept']],
    [
      'the webhook signature, kept id and timestamp',
      { 'webhook-signature': 'v1,x', 'webhook-id': 'm', 'webhook-timestamp': '1' },
      [],
      ['webhook-id', 'webhook-timestamp'],
    ],
    ['anything named like a secret', { 'x-api-key': 'a', 'x-token': 'b', cookie: 'c', 'x-secret': 'd', 'x-trace': 'e' }, [], ['x-trace']],
    ['the idempotency key stays', { 'idempotency-key': 'synchro-1' }, [], ['idempotency-key']],
  ])('drops %s', (_case, headers, authHeaderNames, kept) => {
    expect(Object.keys(sanitizeCall(raw({ headers, authHeaderNames })).requestHeaders)).toEqual(kept);
  });

  it.each<[string, Partial<RawCall>, (s: ReturnType<typeof sanitizeCall>) => unknown, unknown]>([
    ['a secret in the request body', { requestBody: '{"name":"KEY123"}' }, (s) => s.requestBody, '{"name":"[redacted]"}'],
    ['a secret in the answer', { responseBody: 'echo KEY123 KEY123' }, (s) => s.responseBody, 'echo [redacted] [redacted]'],
    ['a secret in the URL, and user info', { url: 'https://u:p@h.example/x?k=KEY123' }, (s) => s.url, 'https://h.example/x?k=[redacted]'],
    ['a secret in the error', { error: 'refused KEY123' }, (s) => s.error, 'refused [redacted]'],
    ['a longer secret containing a shorter one first', { requestBody: 'KEY123456' }, (s) => s.requestBody, '[redacted]'],
    ['no answer', { responseBody: null }, (s) => [s.responseBody, s.responseTruncated], [null, false]],
  ])('redacts %s', (_case, overrides, pick, expected) => {
    expect(pick(sanitizeCall(raw({ secrets: () => ['KEY123', null, '', 'KEY123456'], ...overrides })))).toEqual(expected);
  });

  it('cuts bodies after redaction (a secret across the limit cannot survive in part)', () => {
    const body = 'a'.repeat(CALL_BODY_LIMIT_BYTES - 3) + 'KEY123';
    const safe = sanitizeCall(raw({ requestBody: body, secrets: () => ['KEY123'] }));
    expect(safe.requestTruncated).toBe(true);
    expect(safe.requestBody).not.toContain('KEY');
    expect(Buffer.byteLength(safe.requestBody)).toBe(CALL_BODY_LIMIT_BYTES);
  });
});

describe('truncateUtf8', () => {
  it.each<[string, string, number, string, boolean]>([
    ['short text', 'abc', 8, 'abc', false],
    ['exactly the limit', 'abcdefgh', 8, 'abcdefgh', false],
    ['ASCII over the limit', 'abcdefghij', 8, 'abcdefgh', true],
    ['never half a character (ñ is 2 bytes)', 'abcdefgñ', 8, 'abcdefg', true],
    ['never half an emoji (4 bytes)', 'abcde😀', 8, 'abcde', true],
  ])('%s', (_case, text, limit, expected, truncated) => {
    expect(truncateUtf8(text, limit)).toEqual({ text: expected, truncated });
  });
});
