import { ValidationError } from '../../../../src/common/errors';
import { RES_PARTNER } from '../../../../src/odoo/models/res-partner.model';
import { parseOrder } from '../../../../src/odoo/records/record-order';

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
