import { ValidationError } from '../../../src/common/errors';
import { jsonDepthExceeds, parseBody, parseForm } from '../../../src/common/body-parsing';

describe('parseBody', () => {
  it('reads JSON objects', () => {
    expect(parseBody('{"name":"A","unique_id":1231}', 'application/json', false)).toEqual({ name: 'A', unique_id: 1231 });
  });

  it('reads form bodies, repeated keys as lists', () => {
    expect(parseBody('name=Name&unique_id=1231&tag=a&tag=b', 'application/x-www-form-urlencoded', true)).toEqual({
      name: 'Name',
      unique_id: '1231',
      tag: ['a', 'b'],
    });
    expect(parseForm('name=Caf%C3%A9+Bar')).toEqual({ name: 'Café Bar' });
  });

  it("in lenient mode reads the seed's form body sent as application/json", () => {
    expect(parseBody('name=Name&unique_id=1231', 'application/json', true)).toEqual({ name: 'Name', unique_id: '1231' });
    expect(() => parseBody('name=Name&unique_id=1231', 'application/json', false)).toThrow(ValidationError);
  });

  it.each([['{"a":'], ['[1,'], ['"string"'], ['42']])('rejects %p as JSON', (raw) => {
    expect(() => parseBody(raw, 'application/json', true)).toThrow(ValidationError);
  });

  it.each([
    ['application/x-www-form-urlencoded', 'name=x'],
    ['application/evil+json', '{"name":"x"}'],
    ['text/plain', '{"name":"x"}'],
    [undefined, '{"name":"x"}'],
  ])('outside /sync refuses %p with 415', (type, raw) => {
    expect(() => parseBody(raw, type, false)).toThrow(expect.objectContaining({ kind: 'unsupported_media_type' }));
  });

  it.each([
    ['[[]]', 2, false],
    ['[[[]]]', 2, true],
    ['{"a": "[[[[[["}', 2, false],
    ['{"a": "\\"", "b": [[]]}', 2, true],
    ['{"a": {"b": {}}}', 3, false],
  ])('depth of %s beyond %d: %p', (raw, max, expected) => {
    expect(jsonDepthExceeds(raw, max)).toBe(expected);
  });

  it('refuses JSON nested deeper than 64 levels in either mode', () => {
    const deep = '['.repeat(65) + ']'.repeat(65);
    expect(() => parseBody(deep, 'application/json', false)).toThrow(/nested deeper than 64/);
    expect(() => parseBody(`{"a": ${deep}}`, 'application/json', true)).toThrow(/nested deeper than 64/);
    expect(Array.isArray(parseBody('['.repeat(64) + ']'.repeat(64), 'application/json', false))).toBe(true);
  });

  it('treats an empty body as an empty object and refuses unknown media types', () => {
    expect(parseBody('', 'application/json', false)).toEqual({});
    expect(() => parseBody('<x/>', 'application/xml', false)).toThrow(/not supported/);
  });
});
