import { loadAuthConfig } from '../../../src/common/auth-failures.config';

describe('auth failure limit configuration', () => {
  it('defaults: 20 failures a minute, blocked for the window, X-Forwarded-For ignored', () => {
    expect(loadAuthConfig({})).toEqual({ failureLimit: 20, failureWindowMs: 60_000, blockMs: 60_000, trustProxy: false });
  });

  it.each([
    ['1', 1],
    ['loopback', ['loopback']],
    ['10.0.0.0/8, 127.0.0.1', ['10.0.0.0/8', '127.0.0.1']],
    ['::1,fd00::/8', ['::1', 'fd00::/8']],
  ])('TRUST_PROXY=%s', (value, expected) => {
    expect(loadAuthConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each(['true', '10.0.0.0/33', 'proxy.example.com', '1.2.3.4/8/9', '999'])('TRUST_PROXY=%s is refused', (value) => {
    expect(() => loadAuthConfig({ TRUST_PROXY: value })).toThrow(/Invalid TRUST_PROXY/);
  });

  it('AUTH_FAILURE_LIMIT=0 switches it off; the block can be longer than the window', () => {
    expect(loadAuthConfig({ AUTH_FAILURE_LIMIT: '0', AUTH_FAILURE_BLOCK_MS: '600000' })).toMatchObject({
      failureLimit: 0,
      blockMs: 600_000,
    });
  });
});
