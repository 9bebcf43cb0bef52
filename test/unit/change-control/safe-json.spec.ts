import { JSON_CAP_BYTES, parseStored, serializeCapped, utf8Prefix } from '../../../src/change-control/safe-json';

describe('serializeCapped', () => {
  it.each([
    [undefined, null],
    [null, null],
    [{ name: 'Contact 1', external_id: 1 }, '{"name":"Contact 1","external_id":1}'],
    [[1, 'a'], '[1,"a"]'],
    ['text', '"text"'],
    [0, '0'],
    [false, 'false'],
    [{ when: new Date('2026-01-01T00:00:00Z') }, '{"when":"2026-01-01T00:00:00.000Z"}'],
    [{ big: BigInt(10) ** BigInt(20) }, '{"big":"100000000000000000000"}'],
    [{ skip: undefined, keep: 1 }, '{"keep":1}'],
  ])('%p → %s', (value, expected) => {
    expect(serializeCapped(value)).toBe(expected);
  });

  it('replaces cycles instead of throwing', () => {
    const value: Record<string, unknown> = { a: 1 };
    value.me = value;
    expect(JSON.parse(serializeCapped(value)!)).toEqual({ a: 1, me: '[Circular]' });
  });

  it('keeps repeated (non-cyclic) references', () => {
    const shared = { x: 1 };
    expect(serializeCapped({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
  });

  it('finds deep cycles and keeps siblings that share an object', () => {
    const shared = { x: 1 };
    const root: Record<string, unknown> = { list: [shared, shared] };
    root.deep = { inner: { back: root, same: shared } };
    expect(JSON.parse(serializeCapped(root)!)).toEqual({
      list: [{ x: 1 }, { x: 1 }],
      deep: { inner: { back: '[Circular]', same: { x: 1 } } },
    });
  });

  it('records why a value could not be serialized', () => {
    const value = {
      toJSON: () => {
        throw new Error('nope');
      },
    };
    expect(JSON.parse(serializeCapped(value)!)).toEqual({ _unserializable: true, reason: 'nope' });
  });

  it('serializes a bare function as text rather than nothing', () => {
    expect(typeof serializeCapped(() => 1)).toBe('string');
  });

  it.each([
    ['ascii', 'a'],
    ['2-byte', 'é'],
    ['4-byte', '😀'],
    ['escaped', '"\\\n\u0001'],
  ])('truncates an oversized %s payload into a valid marker within the cap', (_case, unit) => {
    const value = { blob: unit.repeat(100_000) };
    const stored = serializeCapped(value, 10_000)!;
    expect(Buffer.byteLength(stored)).toBeLessThanOrEqual(10_000);
    const marker = JSON.parse(stored);
    expect(marker).toMatchObject({ _truncated: true, originalBytes: Buffer.byteLength(JSON.stringify(value)) });
    expect(JSON.stringify(value).startsWith(marker.preview)).toBe(true);
    expect(marker.preview.length).toBeGreaterThan(1000);
  });

  it('keeps a payload exactly at the cap and truncates one byte more', () => {
    const exact = 'x'.repeat(JSON_CAP_BYTES - 2);
    expect(serializeCapped(exact)).toBe(JSON.stringify(exact));
    expect(JSON.parse(serializeCapped(exact + 'x')!)).toMatchObject({ _truncated: true });
  });
});

describe('utf8Prefix', () => {
  it.each([
    ['abc', 2, 'ab'],
    ['abc', 10, 'abc'],
    ['éé', 3, 'é'],
    ['😀x', 3, ''],
    ['😀x', 4, '😀'],
    ['a😀', 4, 'a'],
  ])('%j within %d bytes → %j', (text, max, expected) => {
    expect(utf8Prefix(text, max)).toBe(expected);
  });
});

describe('parseStored', () => {
  it.each([
    [null, null],
    ['{"a":1}', { a: 1 }],
    ['not json', 'not json'],
  ])('%j → %j', (text, expected) => {
    expect(parseStored(text)).toEqual(expected);
  });
});
