import { mapOutbound, referencesNeeded } from '../../../src/mapping/outbound-mapper';
import { ModelRegistry } from '../../../src/odoo/model.registry';
import { CORE_MODELS } from '../../../src/odoo/models';
import { FieldMapping } from '../../../src/sync-objects/sync-object.types';

const registry = new ModelRegistry();
CORE_MODELS.forEach((m) => registry.register(m));
const partner = registry.get('res.partner');

const mappings: FieldMapping[] = [
  { odooField: 'name', externalField: 'name', referenceField: null },
  { odooField: 'x_sys_id', externalField: 'unique_id', referenceField: null },
  { odooField: 'country_id', externalField: 'country', referenceField: 'code' },
  { odooField: 'category_id', externalField: 'tags', referenceField: 'name' },
  { odooField: 'parent_id', externalField: 'company_id', referenceField: null },
  { odooField: 'email', externalField: 'email', referenceField: null },
  { odooField: 'customer', externalField: 'is_customer', referenceField: null },
];

describe('outbound mapping', () => {
  const record = { id: 1, name: 'Azure', x_sys_id: null, country_id: 4, category_id: [7, 8], parent_id: 3, email: null, customer: false };

  it('lists the reference values to load, one need per target and field', () => {
    expect(referencesNeeded([record, { ...record, country_id: 5, category_id: [] }], mappings, partner)).toEqual([
      { target: 'res.country', referenceField: 'code', ids: [4, 5] },
      { target: 'res.partner.category', referenceField: 'name', ids: [7, 8] },
    ]);
  });

  it('maps to external keys: references as their value, ids without a reference field, empty as null, false kept for booleans', () => {
    const references = new Map([
      ['res.country#code', new Map<number, unknown>([[4, 'ES']])],
      [
        'res.partner.category#name',
        new Map<number, unknown>([
          [7, 'VIP'],
          [8, 'Retail'],
        ]),
      ],
    ]);
    expect(mapOutbound(record, mappings, partner, references)).toEqual({
      name: 'Azure',
      unique_id: null,
      country: 'ES',
      tags: ['VIP', 'Retail'],
      company_id: 3,
      email: null,
      is_customer: false,
    });
  });
});
