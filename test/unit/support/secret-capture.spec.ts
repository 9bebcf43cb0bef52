import { findLeaks, forms, hint } from '../../support/secret-capture';

/** The scanner of the whole-suite secret scan, on planted lines: it must catch every one of these. */
describe('secret scan: findLeaks', () => {
  const SECRET = 'sync-key-Secret-8c1e-4d22-00';
  const OTHER = 'sync-key-Other-0000-ffff';
  const line = (text: string) => [{ where: 'logs/app-1.log:7', text }];

  it.each([
    ['in the middle of a JSON line', `{"level":30,"msg":"key ${SECRET} used"}`],
    ['at the start', `${SECRET} was here`],
    ['at the end', `the key: ${SECRET}`],
    ['inside a longer token', `x${SECRET}x`],
    ['in a header of an answer', `{"request":"GET /health","status":200,"headers":{"x-request-id":"${SECRET}"}}`],
  ])('%s', (_case, text) => {
    const leaks = findLeaks(line(text), [SECRET, OTHER]);
    expect(leaks).toEqual([{ where: 'logs/app-1.log:7', line: expect.not.stringContaining(SECRET), secrets: [hint(SECRET)] }]);
    expect(leaks[0].line).toContain(hint(SECRET));
  });

  it('two secrets sharing a prefix in one line are both named', () => {
    const [leak] = findLeaks(line(`${SECRET} and ${OTHER}`), [SECRET, OTHER]);
    expect(leak.secrets.sort()).toEqual([hint(SECRET), hint(OTHER)].sort());
    expect(leak.line).toBe(`${hint(SECRET)} and ${hint(OTHER)}`);
  });

  it.each([
    ['a line without any', 'nothing to see here, sync-key-Secret-8c1e'],
    ['a secret shorter than 8 characters (not scanned)', 'short'],
  ])('nothing in %s', (_case, text) => {
    expect(findLeaks(line(text), [SECRET, 'short'])).toEqual([]);
  });

  it('a secret is also looked for percent-encoded (query strings)', () => {
    expect(forms('a b/c+d=e&f')).toEqual(['a b/c+d=e&f', 'a%20b%2Fc%2Bd%3De%26f']);
    expect(forms(SECRET)).toEqual([SECRET]);
  });

  it('is linear in the lines whatever the number of secrets', () => {
    const secrets = Array.from({ length: 5000 }, (_, i) => `secret-${i}-${'k'.repeat(20)}`);
    const lines = Array.from({ length: 2000 }, (_, i) => ({ where: `f:${i}`, text: `{"level":30,"msg":"${'y'.repeat(400)}"}` }));
    lines.push({ where: 'f:last', text: `... ${secrets[4321]} ...` });
    const started = process.hrtime.bigint();
    expect(findLeaks(lines, secrets).map((l) => l.where)).toEqual(['f:last']);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(5_000);
  });
});
