import { ValidationError } from '../../src/common/errors';
import { parseBody, parseForm } from '../../src/common/body-parsing';
import { RES_PARTNER } from '../../src/odoo/models/res-partner.model';
import { parseOrder } from '../../src/odoo/records/record-order';

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

describe('parseOrder', () => {
  it('parses field/direction pairs and adds id as a tie-breaker', () => {
    expect(parseOrder('name desc, email', RES_PARTNER)).toEqual([
      { field: 'name', direction: 'DESC' },
      { field: 'email', direction: 'ASC' },
      { field: 'id', direction: 'ASC' },
    ]);
    expect(parseOrder(undefined, RES_PARTNER)[0]).toEqual({ field: 'name', direction: 'ASC' });
  });

  it.each(['name sideways', 'nope', 'child_ids', 'name; DROP TABLE x', 'name asc desc'])('rejects %p', (spec) => {
    expect(() => parseOrder(spec, RES_PARTNER)).toThrow(ValidationError);
  });
});
