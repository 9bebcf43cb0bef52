import { auditDiff, isSecretField, MAX_DIFF_CHARS, SECRET_MARK, withoutSecrets } from '../../../src/audit/audit-diff';

describe('auditDiff', () => {
  it.each([
    ['a create lists every field as to', null, { name: 'a', url: 'http://x' }, { name: { to: 'a' }, url: { to: 'http://x' } }],
    ['a delete lists every field as from', { name: 'a' }, null, { name: { from: 'a' } }],
    [
      'an update lists only what changed',
      { name: 'a', url: 'u', active: true },
      { name: 'b', url: 'u', active: true },
      { name: { from: 'a', to: 'b' } },
    ],
    ['nested values compare by content', { fields: [{ a: 1 }] }, { fields: [{ a: 1 }] }, {}],
    [
      'nested values that changed are whole',
      { fields: [{ a: 1 }] },
      { fields: [{ a: 2 }] },
      { fields: { from: [{ a: 1 }], to: [{ a: 2 }] } },
    ],
    ['bookkeeping dates are left out', { updatedAt: '2026-01-01', name: 'a' }, { updatedAt: '2026-01-02', name: 'a' }, {}],
    ['a secret set shows only that it is set', { apiKey: null }, { apiKey: 'k-123456' }, { apiKey: { from: null, to: SECRET_MARK } }],
    [
      'a secret replaced shows no value',
      { password: 'old-one' },
      { password: 'new-one' },
      { password: { from: SECRET_MARK, to: SECRET_MARK } },
    ],
    ['a secret cleared', { signingSecret: 'whsec_abc' }, { signingSecret: null }, { signingSecret: { from: SECRET_MARK, to: null } }],
    [
      'stored forms of secrets too',
      null,
      { apiKeyEncrypted: 'v1:abc', keyHash: 'ff00' },
      { apiKeyEncrypted: { to: SECRET_MARK }, keyHash: { to: SECRET_MARK } },
    ],
    ['has* flags are not secrets', { hasApiKey: false }, { hasApiKey: true }, { hasApiKey: { from: false, to: true } }],
  ])('%s', (_case, before, after, expected) => {
    expect(auditDiff(before as Record<string, unknown> | null, after as Record<string, unknown> | null)).toEqual(expected);
  });

  it('never carries a secret value, however deep', () => {
    const diff = auditDiff(null, { webServices: [{ name: 'x', password: 'hunter2-secret', nested: { token: 'tok-secret' } }] });
    expect(JSON.stringify(diff)).not.toMatch(/hunter2|tok-secret/);
  });

  it('keeps a huge diff within the column, naming the fields', () => {
    const diff = auditDiff(
      { fields: [] },
      { fields: Array.from({ length: 5000 }, (_, i) => ({ odooField: `f${i}`, externalField: `e${i}` })) },
    );
    expect(JSON.stringify(diff).length).toBeLessThanOrEqual(MAX_DIFF_CHARS);
    expect(Object.keys(diff)).toEqual(['fields']);
  });

  it('ignores prototype names as plain fields', () => {
    const diff = auditDiff(null, JSON.parse('{"__proto__": {"x": 1}, "constructor": "y"}'));
    expect(Object.keys(diff).sort()).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it.each(['password', 'apiKey', 'key', 'signingSecret', 'passwordEncrypted', 'keyHash', 'token'])('%s is a secret', (name) => {
    expect(isSecretField(name)).toBe(true);
  });
  it.each(['name', 'hasPassword', 'username', 'keyName', 'last4'])('%s is not a secret', (name) => {
    expect(isSecretField(name)).toBe(false);
  });

  it('withoutSecrets strips nested secrets', () => {
    expect(withoutSecrets({ a: [{ apiKey: 'x' }], b: 1 })).toEqual({ a: [{ apiKey: SECRET_MARK }], b: 1 });
  });
});
