import { ignoredInbound, ownedBy, receivedMappings, sentMappings, withoutOdooOwned } from '../../../src/mapping/field-ownership';
import { mapInbound } from '../../../src/mapping/inbound-mapper';
import { mapOutbound } from '../../../src/mapping/outbound-mapper';
import { ModelRegistry } from '../../../src/odoo/model.registry';
import { CORE_MODELS } from '../../../src/odoo/models';
import { FieldMapping, MappingDirection } from '../../../src/sync-objects/sync-object.types';

const registry = new ModelRegistry();
CORE_MODELS.forEach((m) => registry.register(m));
const partner = registry.get('res.partner');

const mapping = (odooField: string, externalField: string, direction?: MappingDirection): FieldMapping => ({
  odooField,
  externalField,
  referenceField: null,
  ...(direction ? { direction } : {}),
});
const mappings: FieldMapping[] = [
  mapping('x_sys_id', 'unique_id', 'both'),
  mapping('name', 'name'),
  mapping('email', 'email', 'odoo_to_external'),
  mapping('phone', 'phone', 'external_to_odoo'),
];

describe('field ownership', () => {
  it.each<[string, (m: FieldMapping[]) => FieldMapping[], string[]]>([
    ['received: both ways and external_to_odoo (absent means both)', receivedMappings, ['unique_id', 'name', 'phone']],
    ['sent: both ways and odoo_to_external', sentMappings, ['unique_id', 'name', 'email']],
  ])('%s', (_case, pick, expected) => {
    expect(pick(mappings).map((m) => m.externalField)).toEqual(expected);
  });

  it.each<['odoo' | 'external', string[]]>([
    ['odoo', ['email']],
    ['external', ['phone']],
  ])('fields owned by %s alone', (side, expected) => {
    expect(ownedBy(side, mappings)).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>, unknown[]]>([
    ['an Odoo-owned field that came', { unique_id: 'A', email: 'x@example.com', phone: '1' }, [{ field: 'email', value: 'x@example.com' }]],
    ['an Odoo-owned field sent empty', { email: null }, [{ field: 'email', value: null }]],
    ['nothing Odoo owns', { unique_id: 'A', name: 'Azure', phone: '1' }, []],
    ['an unmapped key of the same name elsewhere', { mail: 'x' }, []],
  ])('ignored inbound: %s', (_case, payload, expected) => {
    expect(ignoredInbound(payload, mappings)).toEqual(
      expected.map((e) => ({ ...(e as object), odooField: 'email', reason: 'owned by Odoo (mapping direction odoo_to_external)' })),
    );
  });

  it('the merge compares the payload without the fields Odoo owns', () => {
    expect(withoutOdooOwned({ unique_id: 'A', email: 'x', phone: '1', extra: 2 }, mappings)).toEqual({
      unique_id: 'A',
      phone: '1',
      extra: 2,
    });
  });

  it('inbound mapping applies neither an Odoo-owned field nor anything unmapped', () => {
    const mapped = mapInbound({ unique_id: 'A', name: 'Azure', email: 'x@example.com', phone: '+34 1' }, mappings, partner, registry);
    expect(mapped.values).toEqual({ x_sys_id: 'A', name: 'Azure', phone: '+34 1' });
    expect(mapped.problems).toEqual([]);
  });

  it('outbound mapping omits fields the external system owns', () => {
    const record = { id: 1, x_sys_id: 'A', name: 'Azure', email: 'a@example.com', phone: '+34 1' };
    expect(mapOutbound(record, mappings, partner, new Map())).toEqual({ unique_id: 'A', name: 'Azure', email: 'a@example.com' });
  });
});
