import { ValidationError } from '../../../src/common/errors';
import { parseBody, parseForm } from '../../../src/common/body-parsing';

describe('parseBody', () => {
  it('reads JSON objects', () => {
    expect(parseBody('{"name":"A","unique_id":1231}', 'application/json', false)).toEqual({ name: 'A', unique_id: 1231 });
  });

  it('reads form bodies, repeated keys as lists', () => {
    expect(parseBody('name=Name&unique_id=1231&tag=a&tag=b', 'application/x-www-form-urlencoded', false)).toEqual({
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

  it('treats an empty body as an empty object and refuses unknown media types', () => {
    expect(parseBody('', 'application/json', false)).toEqual({});
    expect(() => parseBody('<x/>', 'application/xml', false)).toThrow(/not supported/);
  });
});
