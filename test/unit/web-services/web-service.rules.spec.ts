import {
  checkWebService,
  httpUrlProblem,
  mergeWebService,
  normalizePatch,
  WEB_SERVICE_DEFAULTS,
  WebServicePatch,
  WebServiceState,
} from '../../../src/web-services/web-service.rules';

const valid: WebServiceState = { ...WEB_SERVICE_DEFAULTS, name: 'Customers', url: 'https://erp.example.com/web/customers' };
const fieldsOf = (state: Partial<WebServiceState>): string[] => checkWebService({ ...valid, ...state }).map((p) => p.field);

describe('checkWebService', () => {
  it.each<[string, Partial<WebServiceState>, string[]]>([
    ['a minimal service', {}, []],
    ['http is fine too', { url: 'http://10.0.0.5:8069/receive' }, []],
    ['url missing', { url: '' }, ['url']],
    ['url not a URL', { url: 'erp.example.com/x' }, ['url']],
    ['url ftp', { url: 'ftp://erp.example.com/x' }, ['url']],
    ['url with credentials', { url: 'https://user:pw@erp.example.com/x' }, ['url']],
    ['the seed placeholder with a literal "port"', { url: 'https://url_web_service:port/web/customers' }, ['url']],
    ['confirmation needed without URL', { needsConfirmation: true }, ['confirmationUrl']],
    ['confirmation with URL', { needsConfirmation: true, confirmationUrl: 'https://erp.example.com/confirm' }, []],
    ['bad confirmation URL even when not needed', { confirmationUrl: 'javascript:alert(1)' }, ['confirmationUrl']],
    ['bad shipping URL', { shippingUrl: 'file:///etc/passwd' }, ['shippingUrl']],
    ['shipping URL may be empty', { shippingUrl: null }, []],
    ['auth without mode', { needsAuthentication: true }, ['authMode']],
    ['user_password without anything', { needsAuthentication: true, authMode: 'user_password' }, ['username', 'password']],
    ['user_password without password', { needsAuthentication: true, authMode: 'user_password', username: 'odoo' }, ['password']],
    ['user_password complete', { needsAuthentication: true, authMode: 'user_password', username: 'odoo', hasPassword: true }, []],
    ['username with a colon', { needsAuthentication: true, authMode: 'user_password', username: 'a:b', hasPassword: true }, ['username']],
    ['api_key without key', { needsAuthentication: true, authMode: 'api_key' }, ['apiKey']],
    ['api_key complete', { needsAuthentication: true, authMode: 'api_key', hasApiKey: true }, []],
    ['mode set but auth off: nothing required', { authMode: 'api_key' }, []],
    ['timeout too small', { timeoutMs: 99 }, ['timeoutMs']],
    ['timeout too large', { timeoutMs: 120_001 }, ['timeoutMs']],
    ['blank name', { name: '  ' }, ['name']],
    ['a rate limit', { rateLimit: { requests: 10, perSeconds: 1 } }, []],
    ['a rate limit of 0 requests', { rateLimit: { requests: 0, perSeconds: 1 } }, ['rateLimit.requests']],
    ['a rate limit over a fraction of a second', { rateLimit: { requests: 5, perSeconds: 0.5 } }, ['rateLimit.perSeconds']],
    ['a rate limit over more than an hour', { rateLimit: { requests: 5, perSeconds: 3601 } }, ['rateLimit.perSeconds']],
    ['a rate limit of 10,001 requests', { rateLimit: { requests: 10_001, perSeconds: 1 } }, ['rateLimit.requests']],
    ['maxConcurrency 1', { maxConcurrency: 1 }, []],
    ['maxConcurrency 0', { maxConcurrency: 0 }, ['maxConcurrency']],
    ['maxConcurrency 2.5', { maxConcurrency: 2.5 }, ['maxConcurrency']],
    ['several problems at once', { url: '', needsConfirmation: true, needsAuthentication: true }, ['url', 'confirmationUrl', 'authMode']],
  ])('%s → %j', (_case, state, fields) => {
    expect(fieldsOf(state)).toEqual(fields);
  });
});

describe('mergeWebService', () => {
  const stored: WebServiceState = { ...valid, needsAuthentication: true, authMode: 'user_password', username: 'odoo', hasPassword: true };

  it.each<[string, WebServicePatch, Partial<WebServiceState>]>([
    [
      'omitted fields and secrets are kept',
      { url: 'https://other.example.com' },
      { url: 'https://other.example.com', hasPassword: true, username: 'odoo' },
    ],
    ['null clears a secret', { password: null }, { hasPassword: false }],
    ['a new secret is present', { apiKey: 'k' }, { hasApiKey: true, hasPassword: true }],
    ['null clears an optional field', { shippingUrl: null, username: null }, { shippingUrl: null, username: null }],
    ['a rate limit is set, null removes it', { rateLimit: { requests: 2, perSeconds: 1 } }, { rateLimit: { requests: 2, perSeconds: 1 } }],
    ['null removes maxConcurrency', { maxConcurrency: null }, { maxConcurrency: null }],
    ['switching mode keeps the other credentials', { authMode: 'api_key' }, { authMode: 'api_key', hasPassword: true, hasApiKey: false }],
  ])('%s', (_case, patch, expected) => {
    expect(mergeWebService(stored, patch)).toMatchObject(expected);
  });

  it('applies defaults on create', () => {
    expect(mergeWebService(undefined, { name: 'X', url: 'https://x.example' })).toEqual({
      ...WEB_SERVICE_DEFAULTS,
      name: 'X',
      url: 'https://x.example',
    });
  });

  it('checks the merged result: switching to api_key without a key fails on apiKey', () => {
    expect(checkWebService(mergeWebService(stored, { authMode: 'api_key' })).map((p) => p.field)).toEqual(['apiKey']);
    expect(checkWebService(mergeWebService(stored, { authMode: 'api_key', apiKey: 'k' }))).toEqual([]);
  });
});

describe('normalizePatch', () => {
  it('trims, and reads blank optional texts as "not set"', () => {
    expect(normalizePatch({ name: ' X ', url: ' https://x.example ', shippingUrl: '  ', confirmationUrl: '', username: ' u ' })).toEqual({
      name: 'X',
      url: 'https://x.example',
      shippingUrl: null,
      confirmationUrl: null,
      username: 'u',
    });
  });

  it('leaves secrets exactly as given', () => {
    expect(normalizePatch({ password: ' pw ', apiKey: undefined })).toEqual({ password: ' pw ', apiKey: undefined });
  });
});

describe('httpUrlProblem', () => {
  it.each([
    ['https://a.example/x?y=1', null],
    ['http://127.0.0.1:8069', null],
    ['https://' + 'a'.repeat(2050) + '.example', /2048/],
    ['mailto:x@example.com', /http or https/],
    ['//a.example', /absolute/],
  ])('%s', (url, expected) => {
    const problem = httpUrlProblem(url);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});
