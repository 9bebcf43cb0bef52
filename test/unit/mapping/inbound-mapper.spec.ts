import { allRelationsByReference, applyReferences, mapInbound, referenceKey } from '../../../src/mapping/inbound-mapper';
import { ModelRegistry } from '../../../src/odoo/model.registry';
import { CORE_MODELS } from '../../../src/odoo/models';
import { FieldMapping } from '../../../src/sync-objects/sync-object.types';

const registry = new ModelRegistry();
CORE_MODELS.forEach((m) => registry.register(m));
const partner = registry.get('res.partner');

const CON: FieldMapping[] = [
  { odooField: 'name', externalField: 'name', referenceField: null },
  { odooField: 'x_sys_id', externalField: 'unique_id', referenceField: null },
  { odooField: 'country_id', externalField: 'country', referenceField: 'code' },
  { odooField: 'parent_id', externalField: 'company', referenceField: 'x_sys_id' },
  { odooField: 'category_id', externalField: 'tags', referenceField: 'name' },
  { odooField: 'customer', externalField: 'is_customer', referenceField: null },
];

describe('mapInbound', () => {
  it("maps the seed's form-encoded create (all strings) to typed Odoo values", () => {
    const mapped = mapInbound({ name: 'Name', unique_id: '1231', is_customer: 'True', extra: 'ignored' }, CON, partner, registry);
    expect(mapped).toEqual({ values: { name: 'Name', x_sys_id: '1231', customer: true }, references: [], problems: [] });
  });

  it('collects reference values to resolve, a list for x2many (JSON list or comma string)', () => {
    const mapped = mapInbound({ country: 'ES', company: 7, tags: 'VIP, Retail' }, CON, partner, registry);
    expect(mapped.references).toEqual([
      { odooField: 'country_id', externalField: 'country', target: 'res.country', referenceField: 'code', values: ['ES'], many: false },
      { odooField: 'parent_id', externalField: 'company', target: 'res.partner', referenceField: 'x_sys_id', values: ['7'], many: false },
      {
        odooField: 'category_id',
        externalField: 'tags',
        target: 'res.partner.category',
        referenceField: 'name',
        values: ['VIP', 'Retail'],
        many: true,
      },
    ]);
    expect(mapInbound({ tags: ['A', 'B'] }, CON, partner, registry).references[0].values).toEqual(['A', 'B']);
  });

  it('empties relational fields given false, null or an empty string', () => {
    expect(mapInbound({ country: false, tags: '' }, CON, partner, registry).values).toEqual({ country_id: null, category_id: [] });
  });

  it('reports bad values naming the external field and the value', () => {
    const mapped = mapInbound({ is_customer: 'maybe', country: ['ES', 'FR'] }, CON, partner, registry);
    expect(mapped.problems).toEqual([
      { field: 'country', problem: expect.stringContaining('expected one value') },
      { field: 'is_customer', problem: expect.stringContaining('"maybe"') },
    ]);
  });
});

describe('applyReferences', () => {
  it('fills ids from the index and reports values that match nothing', () => {
    const mapped = mapInbound({ country: 'ES', tags: 'VIP,Nope' }, CON, partner, registry);
    const index = new Map([
      [referenceKey('res.country', 'code'), new Map([['ES', 4]])],
      [referenceKey('res.partner.category', 'name'), new Map([['VIP', 9]])],
    ]);
    applyReferences(mapped, index);
    expect(mapped.values).toEqual({ country_id: 4 });
    expect(mapped.problems).toEqual([{ field: 'tags', problem: 'no res.partner.category with name "Nope"' }]);
  });
});

describe('allRelationsByReference', () => {
  it('is true only when every relational mapping resolves through a reference field', () => {
    expect(allRelationsByReference(CON, partner)).toBe(true);
    expect(allRelationsByReference([...CON, { odooField: 'child_ids', externalField: 'kids', referenceField: null }], partner)).toBe(false);
    expect(allRelationsByReference([{ odooField: 'name', externalField: 'name', referenceField: null }], partner)).toBe(true);
  });
});
