import { authHeaders, AuthSettings, describeNetworkError, interpretAnswer } from '../../../../src/web-services/outbound/outbound-result';

describe('interpretAnswer', () => {
  it.each<[string, number, string, object]>([
    ['2xx JSON', 200, '{"status":"success","content":[]}', { ok: true, httpStatus: 200, json: { status: 'success', content: [] } }],
    ['2xx empty', 204, '', { ok: true, httpStatus: 204, json: undefined }],
    [
      '2xx malformed JSON',
      200,
      '{"status": "success", "content": [',
      { ok: false, errorKind: 'malformed_json', text: '{"status": "success", "content": [' },
    ],
    ['2xx HTML', 200, '<html>login</html>', { ok: false, errorKind: 'malformed_json' }],
    [
      '401 with envelope',
      401,
      '{"status":"failed","error_message":"unauthorized"}',
      { ok: false, httpStatus: 401, errorKind: 'http', error: 'HTTP 401: unauthorized' },
    ],
    ['500 plain text', 500, 'boom', { ok: false, httpStatus: 500, errorKind: 'http', error: 'HTTP 500', text: 'boom' }],
    ['302', 302, '', { ok: false, httpStatus: 302, errorKind: 'redirect' }],
  ])('%s', (_case, status, text, expected) => {
    expect(interpretAnswer(status, text)).toMatchObject(expected);
  });

  it('names where a redirect pointed', () => {
    expect(interpretAnswer(301, '', 'https://elsewhere.example/x').error).toContain('https://elsewhere.example/x');
  });

  it('keeps only a truncated text of a long non-JSON answer', () => {
    const result = interpretAnswer(200, 'x'.repeat(10_000));
    expect(result.text!.length).toBeLessThanOrEqual(2_001);
  });
});

describe('authHeaders', () => {
  const base: AuthSettings = { needsAuthentication: true, authMode: 'user_password', username: 'odoo', password: 'pä:ss', apiKey: 'K' };

  it('sends HTTP Basic for user_password (UTF-8, password may contain ":")', () => {
    const header = authHeaders(base).Authorization;
    expect(Buffer.from(header.replace(/^Basic /, ''), 'base64').toString('utf8')).toBe('odoo:pä:ss');
  });

  it('sends the header api_key for api_key, as the seed expects', () => {
    expect(authHeaders({ ...base, authMode: 'api_key' })).toEqual({ api_key: 'K' });
  });

  it('sends nothing when authentication is off, whatever is stored', () => {
    expect(authHeaders({ ...base, needsAuthentication: false })).toEqual({});
  });

  it.each<[string, Partial<AuthSettings>]>([
    ['no password', { password: null }],
    ['no username', { username: null }],
    ['no api key', { authMode: 'api_key', apiKey: null }],
    ['no mode', { authMode: null }],
  ])('refuses to call without a needed credential: %s', (_case, patch) => {
    expect(() => authHeaders({ ...base, ...patch })).toThrow();
  });
});

describe('describeNetworkError', () => {
  it('prefers the low-level cause', () => {
    const error = Object.assign(new TypeError('fetch failed'), {
      cause: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' },
    });
    expect(describeNetworkError(error)).toBe('connect ECONNREFUSED 127.0.0.1:1');
  });
});
