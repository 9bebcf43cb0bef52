import { textOf } from '../../../src/common/text-of';

describe('textOf', () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;

  it.each([
    ['abc', 'abc'],
    [12, '12'],
    [true, 'true'],
    [null, ''],
    [undefined, ''],
    [BigInt(5), '5'],
    [[1, 'a'], '[1,"a"]'],
    [{ toString: { polluted: true } }, '{"toString":{"polluted":true}}'],
    [{ valueOf: 1, toString: 2 }, '{"valueOf":1,"toString":2}'],
    [JSON.parse('{"__proto__": {"x": 1}}'), '{"__proto__":{"x":1}}'],
    [cyclic, '[an object]'],
    [new Date('2026-01-02T03:04:05Z'), String(new Date('2026-01-02T03:04:05Z'))],
  ] as const)('%p → %p', (value, expected) => {
    expect(textOf(value)).toBe(expected);
  });
});
