/**
 * fast-check arbitraries for hostile input: the values, keys, bodies, ids and queries an attacker
 * or a broken client sends. Valid shapes are mutated (a field replaced, dropped, or added) so that
 * requests get past the first check and reach the deeper ones, not only the body parser.
 */
import fc from 'fast-check';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Strings that have broken parsers, query builders and templates elsewhere. */
export const NASTY_STRINGS = [
  "' OR 1=1 --",
  '"; DROP TABLE res_partner; --',
  "1' UNION SELECT name, password FROM api_keys --",
  '${process.exit(1)}',
  '{{7*7}}',
  '<%= 7*7 %>',
  '<script>alert(1)</script>',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  '../../etc/passwd',
  '\\',
  '%',
  '_',
  '\r\nSet-Cookie: x=1',
  '＝cmd|calc',
  '=HYPERLINK("http://evil")',
  '9007199254740993',
  '1e400',
  '-0',
  'NaN',
  'Infinity',
  '0x10',
  '99999999999999999999999999999999999999',
  '',
  ' ',
  'C7 ',
  'true',
  'null',
  '[]',
  '{}',
  "[('id', '=', 1)]",
  "[('id', 'child_of', [1, 2, 3])]",
  "['|', ('name', 'ilike', '%'), ('id', '>', 0)]",
  "[('name', 'like', '" + '%_'.repeat(200) + "')]",
];

export const SPECIAL_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];

/** Ids as they appear in URLs: valid-looking, out of range, encoded tricks. */
export const ODD_IDS = [
  '0',
  '-1',
  '1.5',
  '1e3',
  '0x10',
  'abc',
  '%00',
  '..%2F',
  '%2e%2e',
  '99999999999999999999999999999999999999',
  '9007199254740993',
  '%E0%A4%A',
  '%',
  ' 1',
];

export const hostileString = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1000, max: 300_000 }).map((n) => 'x'.repeat(n)) },
  );

export const hostileNumber = (): fc.Arbitrary<number> =>
  fc.oneof(
    fc.constantFrom(0, -1, 1e20, -1e20, Number('9007199254740993'), Number.MAX_SAFE_INTEGER + 2, 1e-300, 2 ** 31, 2 ** 53, 0.5),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
  );

/** Nested lists or objects `depth` deep around a value (parsers and recursive validators). */
const nested = (depth: number, leaf: Json, asObject: boolean): Json => {
  let value = leaf;
  for (let i = 0; i < depth; i += 1) value = asObject ? { a: value } : [value];
  return value;
};

export const hostileValue = (): fc.Arbitrary<Json> =>
  fc.oneof(
    { weight: 4, arbitrary: hostileString() },
    { weight: 2, arbitrary: hostileNumber() },
    { weight: 1, arbitrary: fc.constantFrom<Json>(null, true, false, [], {}) },
    { weight: 1, arbitrary: fc.array(hostileString(), { maxLength: 5 }) as fc.Arbitrary<Json> },
    { weight: 1, arbitrary: fc.integer({ min: 1000, max: 20_000 }).map((n) => Array.from({ length: n }, (_, i) => i) as Json) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 10, max: 300 }), fc.boolean()).map(([d, o]) => nested(d, 'deep', o)) },
    { weight: 1, arbitrary: fc.constantFrom(...SPECIAL_KEYS).map((k) => JSON.parse(`{"${k}": {"polluted": true}}`) as Json) },
  );

const hostileKey = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...SPECIAL_KEYS),
    hostileString().filter((s) => s.length < 200),
  );

/**
 * A body derived from `valid`: unchanged fields kept, one to three of them replaced by hostile values,
 * dropped, or joined by extra keys; or something that is not the object at all.
 */
export function hostileBody(valid: Record<string, Json>): fc.Arbitrary<Json> {
  const keys = Object.keys(valid);
  const edit = fc.oneof(
    fc.record({ op: fc.constant('set' as const), key: fc.constantFrom(...keys), value: hostileValue() }),
    fc.record({ op: fc.constant('drop' as const), key: fc.constantFrom(...keys), value: fc.constant(null) }),
    fc.record({ op: fc.constant('add' as const), key: hostileKey(), value: hostileValue() }),
  );
  const mutated = fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
    // Built with defineProperty so '__proto__' becomes an own key, as JSON.parse makes it.
    const body: Record<string, Json> = {};
    for (const [k, v] of Object.entries(valid))
      Object.defineProperty(body, k, { value: v, enumerable: true, writable: true, configurable: true });
    for (const { op, key, value } of edits) {
      if (op === 'drop') delete body[key];
      else Object.defineProperty(body, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return body as Json;
  });
  return fc.oneof({ weight: 6, arbitrary: mutated }, { weight: 1, arbitrary: hostileValue() });
}

/** How the body goes on the wire: JSON as usual, or a raw payload with a wrong or missing type. */
export type Wire = { kind: 'json' } | { kind: 'raw'; contentType: string | null; payload: Buffer };

export const hostileWire = (): fc.Arbitrary<Wire> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant<Wire>({ kind: 'json' }) },
    {
      weight: 2,
      arbitrary: fc
        .record({
          contentType: fc.constantFrom<string | null>(
            null,
            'application/json',
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/evil+json',
            'multipart/form-data; boundary=x',
            'application/json; charset=latin1',
          ),
          payload: fc.oneof(
            fc.constant(Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d])), // {"n":"<invalid UTF-8>"}
            fc.constant(Buffer.from('{"name": "x",')),
            fc.constant(Buffer.from('name=x&unique_id=1&__proto__[polluted]=1')),
            fc.constant(Buffer.from('[' + '['.repeat(5000) + ']'.repeat(5000) + ']')),
            fc.constant(Buffer.from('{"a":' + '{"a":'.repeat(3000) + '1' + '}'.repeat(3000) + '}')),
            fc.constant(Buffer.from('\u0000')),
            fc.string({ unit: 'binary', maxLength: 200 }).map((s) => Buffer.from(s)),
          ),
        })
        .map((r): Wire => ({ kind: 'raw', ...r })),
    },
  );

/** Query strings: paging numbers, orders, domains and fields, as sent by a hostile client. */
export const hostileQuery = (names: string[]): fc.Arbitrary<Record<string, string>> =>
  fc.dictionary(
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: hostileKey() }),
    fc.oneof(hostileString(), hostileNumber().map(String)).map((s) => s.slice(0, 4000)),
    { maxKeys: 4 },
  );

export const hostileId = (): fc.Arbitrary<string> =>
  fc.oneof(fc.constantFrom(...ODD_IDS), fc.integer({ min: 1, max: 5 }).map(String), fc.string({ maxLength: 10 }).map(encodeURIComponent));
